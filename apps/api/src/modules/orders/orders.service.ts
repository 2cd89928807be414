import { type Prisma, type PrismaClient, transaction } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { CRM_MESSAGE_MAX_BYTES, parseCrmMessage, type CrmOrder } from '../../integrations/crm/crm-message.ts';
import { logger } from '../../lib/logger.ts';
import type { OutboxRelay } from '../../pubsub/outbox.ts';
import { endOrder } from '../workflow/transition.repository.ts';
import type { WorkflowEngine } from '../workflow/workflow.engine.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { CrmInboundRepository } from './crm-inbound.repository.ts';
import { OrdersRepository } from './orders.repository.ts';
import type { createOrderLoaders } from './orders.loaders.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { TimeLimitsService } from '../time-limits/time-limits.service.ts';
import type { SortDirection } from '../../lib/keyset.ts';
import { resolveOrderCriteria, type OrderFilterInput, type OrderSortField } from './order-query.ts';
import type { OrderConnectionRecord, OrderEventRecord, OrderRecord, WorkOrderEventRecord } from './orders.types.ts';

/** A resolved work-order event filter. */
export interface WorkOrderEventFilter {
  orderId: number | null;
  organisationPath: string | null;
  positionId: number | null;
  staffId: number | null;
}

type Tx = Prisma.TransactionClient;

/** A message that crashed this many times is marked failed, so it can never block the queue. */
const maxCrashes = 3;

type Outcome = { ok: true; orderId: number } | { ok: false; reason: string };

/**
 * Orders from CRM: the inbound interface (submit, then process in one transaction per message)
 * and order creation through the workflow engine.
 */

/** The loaders an event's subscribers share (see `authorizedEvents`). */
type EventLoaders = Pick<ReturnType<typeof createOrderLoaders>, 'workOrderById' | 'orderVisibility'>;
export class OrdersService {
  readonly inbound: CrmInboundRepository;
  readonly repository: OrdersRepository;
  /** Called after a message is stored (the poller's kick). */
  onMessageStored: () => void = () => undefined;

  /** What is wrong with a CRM order's parameters for its business (attribute items); null: nothing. */
  parameterProblems: (tx: Tx, businessCode: string, parameters: Record<string, string>) => Promise<string | null> = async () => null;
  /** Where a new order is on the map, written with it (set by the services: CRM's coordinates or the geocoder's). */
  locateOrder: (tx: Tx, customer: CrmOrder['customer'], organisationId: number | null) => Promise<{ latitude: number; longitude: number } | null> = async () => null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly engine: WorkflowEngine,
    private readonly organisations: OrganisationsService,
    private readonly timeLimits: TimeLimitsService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.inbound = new CrmInboundRepository(prisma);
    this.repository = new OrdersRepository(prisma);
  }

  /**
   * Writes a message to the inbound interface table; the poller turns it into an order. Only a
   * payload too large to store is refused here: every other problem is recorded on the message.
   */
  async submitCrmMessage(viewer: ViewerRecord, format: 'XML' | 'JSON', payload: string): Promise<{ ok: true; id: bigint } | { ok: false; error: { code: string; message: string; field: string } }> {
    assertCan(viewer, 'crm:submit');
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > CRM_MESSAGE_MAX_BYTES) {
      return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `The payload is ${Math.ceil(bytes / 1024)} KiB, over the ${CRM_MESSAGE_MAX_BYTES / 1024} KiB limit.`, field: 'payload' } };
    }
    const id = await this.inbound.insert(format, payload, this.now());
    this.onMessageStored();
    return { ok: true, id };
  }

  findMessage(viewer: ViewerRecord, id: bigint) {
    assertCan(viewer, 'crm:submit');
    return this.inbound.find(id);
  }

  /** The order, or null when it does not exist or lies outside the viewer's data permissions. */
  find(viewer: ViewerRecord, id: number): Promise<OrderRecord | null> {
    assertCan(viewer, 'orders:read');
    return this.repository.findInScope(id, viewer.scope);
  }

  /** Order query (定单查询): a keyset page of the orders the viewer may see that match the filter. */
  async query(
    viewer: ViewerRecord,
    request: { filter: OrderFilterInput | null; sortBy: OrderSortField; sortDirection: SortDirection; first: number; after: string | null },
    /** The client selects the count: it is read alongside the page. */
    withCount = false,
  ): Promise<OrderConnectionRecord> {
    assertCan(viewer, 'orders:read');
    const criteria = await resolveOrderCriteria(this.organisations, viewer, request.filter, 'filter');
    return this.repository.page(viewer.scope, criteria, request.sortBy, request.sortDirection, request.first, request.after, withCount);
  }

  /**
   * Claims the oldest pending message and handles it in one transaction: order, demand, log, first
   * work orders and the message's new state commit together. Returns false when none was pending.
   */
  async processNextCrmMessage(): Promise<boolean> {
    let claimedId: bigint | null = null;
    try {
      const handled = await transaction(
        this.prisma,
        async (tx) => {
          const message = await this.inbound.claimNext(tx);
          if (!message) return false;
          claimedId = message.id;
          const now = this.now();
          const parsed = parseCrmMessage(message.payload, message.format);
          if (!parsed.ok) {
            await this.inbound.markFailed(tx, message.id, parsed.reason, null, now);
            return true;
          }
          const outcome = await this.createOrder(tx, parsed.order, now);
          if (outcome.ok) await this.inbound.markProcessed(tx, message.id, parsed.order.crmOrderCode, outcome.orderId, now);
          else await this.inbound.markFailed(tx, message.id, outcome.reason, parsed.order.crmOrderCode, now);
          return true;
        },
        { timeout: 30_000 },
      );
      // Background work: the events go out as soon as the relay gets to them; nobody waits on this.
      if (handled) void this.relay.kick();
      return handled;
    } catch (error) {
      if (claimedId === null) throw error;
      // The transaction rolled back; count the crash and give up on the message after a few.
      const attempts = await this.inbound.recordCrash(claimedId);
      logger.warn('CRM message processing failed', { messageId: String(claimedId), attempts, message: (error as Error).message });
      if (attempts >= maxCrashes) {
        await this.inbound.markFailed(this.prisma, claimedId, `Processing failed ${attempts} times: ${(error as Error).message}`, null, this.now());
      }
      return true;
    }
  }

  /** Checks a subscriber's filter once, at subscription time. */
  async resolveWorkOrderFilter(viewer: ViewerRecord, filter: { orderId: number | null; organisationId: number | null; positionId: number | null; staffId: number | null }): Promise<WorkOrderEventFilter> {
    assertCan(viewer, 'orders:read');
    const organisationPath = await this.organisations.visiblePath(viewer, filter.organisationId, 'filter.organisationId');
    return { orderId: filter.orderId, organisationPath, positionId: filter.positionId, staffId: filter.staffId };
  }

  /**
   * Whether a subscriber may receive a work-order event, with their permissions as they are now.
   * `loaders` (the event's, shared by its subscribers) read the work order and the visibility once
   * per event and scope instead of once per subscriber.
   */
  async mayReceiveWorkOrderEvent(viewer: ViewerRecord, event: WorkOrderEventRecord, filter: WorkOrderEventFilter, loaders?: EventLoaders): Promise<boolean> {
    if (!viewer.permissions.has('orders:read')) return false;
    if (filter.orderId !== null && event.orderId !== filter.orderId) return false;
    if (filter.positionId !== null || filter.staffId !== null) {
      const workOrder = loaders ? await loaders.workOrderById.load(event.workOrderId) : (await this.repository.workOrdersByIds([event.workOrderId]))[0];
      if (!workOrder) return false;
      if (filter.positionId !== null && workOrder.positionId !== filter.positionId) return false;
      if (filter.staffId !== null && workOrder.staffId !== filter.staffId) return false;
    }
    return this.isVisible(event.orderId, viewer, filter.organisationPath, loaders);
  }

  /** Whether a subscriber may receive an alarm of an order (or of one of its work orders). */
  async mayReceiveAlarm(viewer: ViewerRecord, event: { orderId: number }, filter: WorkOrderEventFilter, loaders?: EventLoaders): Promise<boolean> {
    if (!viewer.permissions.has('orders:read')) return false;
    if (filter.orderId !== null && event.orderId !== filter.orderId) return false;
    return this.isVisible(event.orderId, viewer, filter.organisationPath, loaders);
  }

  async mayReceiveOrderEvent(viewer: ViewerRecord, event: OrderEventRecord, orderId: number | null, loaders?: EventLoaders): Promise<boolean> {
    if (!viewer.permissions.has('orders:read')) return false;
    if (orderId !== null && event.orderId !== orderId) return false;
    return this.isVisible(event.orderId, viewer, null, loaders);
  }

  private isVisible(orderId: number, viewer: ViewerRecord, underPath: string | null, loaders: EventLoaders | undefined): Promise<boolean> {
    return loaders ? loaders.orderVisibility.load({ orderId, scope: viewer.scope, underPath }) : this.repository.isVisible(orderId, viewer.scope, underPath);
  }

  private async createOrder(tx: Tx, crm: CrmOrder, now: Date): Promise<Outcome> {
    const { existingOrderId, template, organisationId } = await this.repository.intake(tx, crm.crmOrderCode, crm.businessCode, crm.areaCode);
    // A re-sent order is not a second order: the message points at the first one.
    if (existingOrderId !== null) return { ok: true, orderId: existingOrderId };
    if (!template) return { ok: false, reason: `Unknown business code "${crm.businessCode}": no workflow is configured for it.` };
    const problem = await this.parameterProblems(tx, crm.businessCode, crm.parameters);
    if (problem) return { ok: false, reason: problem };

    let cancelled: { id: number; orderNo: string } | null = null;
    if (crm.businessCode === 'ORDER_CANCEL' || crm.orderType === 'CANCEL') {
      const target = crm.cancelsCrmOrderCode
        ? await tx.order.findUnique({ where: { crmOrderCode: crm.cancelsCrmOrderCode }, select: { id: true, orderNo: true, state: true } })
        : null;
      if (!target) return { ok: false, reason: `Cannot cancel: no order has the CRM code "${crm.cancelsCrmOrderCode ?? ''}".` };
      if (target.state !== 'EXECUTING') return { ok: false, reason: `Cannot cancel order ${target.orderNo}: it is already ${target.state.toLowerCase()}.` };
      cancelled = target;
    }

    // The order's time limit counts from CRM's acceptance (never from a time still to come).
    const acceptedAt = new Date(crm.acceptedAt);
    const due = await this.timeLimits.orderDueTimes(tx, crm.orderType, organisationId, acceptedAt < now ? acceptedAt : now);
    const point = await this.locateOrder(tx, crm.customer, organisationId);
    const created = await this.repository.insertOrder(tx, {
      crmOrderCode: crm.crmOrderCode,
      businessCode: crm.businessCode,
      orderType: crm.orderType,
      templateId: template.id,
      acceptanceNo: crm.acceptanceNo,
      customerName: crm.customer.name,
      customerPhone: crm.customer.phone,
      address: crm.customer.address,
      broadbandAccount: crm.broadbandAccount,
      productCode: crm.productCode,
      organisationId,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      acceptedAt,
      due,
      demand: crm.parameters,
      logDetail: `From CRM order ${crm.crmOrderCode} (${crm.businessCode}, template ${template.code} v${template.version})`,
      now,
    });
    if (cancelled) await this.cancelOrder(tx, cancelled, `cancelled by CRM order ${crm.crmOrderCode}`, now);
    await this.engine.start(tx, { id: created.id, orderNo: created.orderNo, templateId: template.id, organisationId });
    return { ok: true, orderId: created.id };
  }

  private async cancelOrder(tx: Tx, order: { id: number; orderNo: string }, reason: string, now: Date): Promise<void> {
    // The order first, as the engine locks it: a transition in flight finishes before, or is refused after.
    await tx.$queryRaw`SELECT id FROM "order" WHERE id = ${order.id} FOR UPDATE`;
    await endOrder(tx, { orderId: order.id, workOrderId: null, state: 'CANCELLED', fields: { cancelledAt: now }, action: 'CANCEL_ORDER', detail: reason, now });
  }
}
