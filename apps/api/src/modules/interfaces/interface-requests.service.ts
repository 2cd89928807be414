import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import type { CrmNoticeAdapter } from '../../integrations/crm/crm-notice.adapter.ts';
import type { ProvisioningAdapter } from '../../integrations/provisioning/provisioning.adapter.ts';
import type { ResourceAdapter } from '../../integrations/resource/resource.adapter.ts';
import { logger } from '../../lib/logger.ts';
import type { OutboxRelay } from '../../pubsub/outbox.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { setDemandFields } from '../orders/order-demand.ts';
import { ACTIVATION_FAILED, type WorkflowEngine } from '../workflow/workflow.engine.ts';
import { InterfaceRequestsRepository, type ClaimedRequest } from './interface-requests.repository.ts';

export interface Adapters {
  resource: ResourceAdapter;
  provisioning: ProvisioningAdapter;
  crm: CrmNoticeAdapter;
}

export interface InterfaceOptions {
  /** An unanswered request counts as failed after this long. */
  timeoutMs: number;
  /** Attempts before a request is marked FAILED (then it can be re-sent). */
  maxAttempts: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs: number;
}

type Answer = { fields?: Record<string, string> } & Record<string, unknown>;

/**
 * Sends the requests of automatic steps to the external systems and applies their answers: the
 * answer, the demand fields it fills in and the step's completion commit in one transaction.
 * Failures are retried with backoff; after the last attempt the request is FAILED and can be re-sent.
 */
export class InterfaceRequestsService {
  readonly repository: InterfaceRequestsRepository;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly engine: WorkflowEngine,
    readonly adapters: Adapters,
    private readonly options: InterfaceOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new InterfaceRequestsRepository(prisma);
  }

  /** Sends every due request (up to `limit`) and settles each; returns how many were claimed. */
  async runOnce(limit = 20): Promise<number> {
    const claimed = await this.repository.claimDue(this.now(), this.options.timeoutMs * 2, limit);
    await Promise.all(claimed.map((request) => this.handle(request)));
    if (claimed.length > 0) await this.relay.kick();
    return claimed.length;
  }

  async resend(viewer: ViewerRecord, id: bigint): Promise<'QUEUED' | 'NOT_FAILED' | 'MOVED_ON'> {
    assertCan(viewer, 'interfaces:resend');
    return this.repository.resend(id, this.now());
  }

  private async handle(claimed: ClaimedRequest): Promise<void> {
    const order = await this.prisma.order.findUniqueOrThrow({
      where: { id: claimed.order_id },
      select: { id: true, orderNo: true, crmOrderCode: true, address: true, templateId: true, organisationId: true, demand: { select: { key: true, value: true } } },
    });
    const demand = Object.fromEntries(order.demand.map((row) => [row.key, row.value]));
    const engineOrder = { id: order.id, orderNo: order.orderNo, templateId: order.templateId, organisationId: order.organisationId };
    const requestId = String(claimed.id);
    let answer: Answer | null = null;
    let error: string | null = null;
    try {
      answer = await withTimeout(this.call(claimed, { requestId, orderNo: order.orderNo, crmOrderCode: order.crmOrderCode, address: order.address, demand }), this.options.timeoutMs);
    } catch (caught) {
      error = (caught as Error).message;
    }
    try {
      await this.prisma.$transaction(async (tx) => {
        if (!(await this.repository.lockSent(tx, claimed.id))) return; // settled elsewhere
        const now = this.now();
        if (answer) {
          await this.repository.succeed(tx, claimed.id, answer as Prisma.InputJsonValue, now);
          await this.apply(tx, claimed, order.id, answer.fields ?? {}, now);
          const workOrder = await tx.workOrder.findUnique({ where: { id: claimed.work_order_id }, select: { state: true } });
          if (workOrder && ['PENDING', 'IN_PROGRESS'].includes(workOrder.state)) {
            await this.engine.complete(tx, engineOrder, claimed.work_order_id, { kind: 'NORMAL' }, null, `answered by ${claimed.system.toLowerCase()} system`);
          }
        } else if (claimed.attempts >= this.options.maxAttempts) {
          await this.repository.fail(tx, claimed.id, error as string, now);
          const detail = `${claimed.system} ${claimed.kind} failed after ${claimed.attempts} attempts: ${error}`;
          await tx.orderLog.create({ data: { orderId: order.id, workOrderId: claimed.work_order_id, action: 'INTERFACE_FAILED', detail, createdAt: now } });
          // Where the template routes a failed activation (to its failure review), the step ends that way.
          const workOrder = await tx.workOrder.findUnique({ where: { id: claimed.work_order_id }, select: { state: true, stepId: true } });
          if (workOrder && ['PENDING', 'IN_PROGRESS'].includes(workOrder.state) && (await this.engine.hasExceptionFlow(tx, order.templateId, workOrder.stepId, ACTIVATION_FAILED))) {
            await this.engine.complete(tx, engineOrder, claimed.work_order_id, { kind: 'EXCEPTION', exceptionType: ACTIVATION_FAILED }, null, detail);
          }
        } else {
          const delay = this.options.backoffMs * 2 ** (claimed.attempts - 1);
          await this.repository.retryLater(tx, claimed.id, error as string, new Date(now.getTime() + delay));
        }
      });
    } catch (caught) {
      // Left SENT: it is claimed again once stale, so nothing is lost.
      logger.warn('could not settle an interface request', { id: requestId, message: (caught as Error).message });
    }
  }

  private call(request: ClaimedRequest, context: { requestId: string; orderNo: string; crmOrderCode: string; address: string; demand: Record<string, string> }): Promise<Answer> {
    switch (request.system) {
      case 'RESOURCE':
        return this.adapters.resource.request({ ...context, kind: request.kind }) as Promise<Answer>;
      case 'PROVISIONING':
        return this.adapters.provisioning.execute({ ...context, kind: request.kind }) as unknown as Promise<Answer>;
      case 'CRM': {
        const reason = (request.request as { reason?: unknown } | null)?.reason;
        return this.adapters.crm.notify({ ...context, kind: request.kind, ...(typeof reason === 'string' ? { reason } : {}) }) as unknown as Promise<Answer>;
      }
    }
  }

  /** Applies an answer: resource fields go to the order demand (keeping old values), CRM notices are marked sent. */
  private async apply(tx: Prisma.TransactionClient, request: ClaimedRequest, orderId: number, fields: Record<string, string>, now: Date): Promise<void> {
    await setDemandFields(tx, orderId, fields, now);
    if (request.system === 'CRM') {
      const kind = request.kind === 'REJECTION_NOTICE' ? 'REJECTION' : 'COMPLETION';
      await tx.crmOutboundNotice.updateMany({ where: { orderId, kind }, data: { state: 'SENT', sentAt: now, attempts: request.attempts } });
    }
    await tx.orderLog.create({
      data: { orderId, workOrderId: request.work_order_id, action: 'INTERFACE_ANSWERED', detail: `${request.system} ${request.kind}${Object.keys(fields).length ? `: ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`, createdAt: now },
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
