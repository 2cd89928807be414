import type { PrismaClient } from '@openiom/db';
import type { ApiConfig } from './config.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { OrganisationsService } from './modules/organisations/organisations.service.ts';
import { PositionsService } from './modules/positions/positions.service.ts';
import { StaffService } from './modules/staff/staff.service.ts';
import { CrmInboundPoller } from './modules/orders/crm-inbound.poller.ts';
import { OrdersService } from './modules/orders/orders.service.ts';
import { WorkOrdersService } from './modules/work-orders/work-orders.service.ts';
import { WorkflowService } from './modules/workflow/workflow.service.ts';
import type { OutboxRelay } from './pubsub/outbox.ts';
import type { PubSub } from './pubsub/pubsub.ts';

/** The services of one API process, built once and shared by every request. */
export interface Services {
  auth: AuthService;
  organisations: OrganisationsService;
  positions: PositionsService;
  staff: StaffService;
  workflows: WorkflowService;
  orders: OrdersService;
  workOrders: WorkOrdersService;
  crmPoller: CrmInboundPoller;
  pubsub: PubSub;
  relay: OutboxRelay;
}

export function createServices(prisma: PrismaClient, pubsub: PubSub, relay: OutboxRelay, config: ApiConfig, now?: () => Date): Services {
  const organisations = new OrganisationsService(prisma);
  const workflows = new WorkflowService(prisma, now);
  const orders = new OrdersService(prisma, relay, workflows.engine, workflows.repository, now);
  const crmPoller = new CrmInboundPoller(orders, config.crmPollMs);
  orders.onMessageStored = () => void crmPoller.kick();
  return {
    workflows,
    orders,
    workOrders: new WorkOrdersService(prisma, relay, workflows.engine),
    crmPoller,
    auth: new AuthService(prisma, relay, config.auth, now),
    organisations,
    positions: new PositionsService(prisma),
    staff: new StaffService(prisma, organisations, now),
    pubsub,
    relay,
  };
}
