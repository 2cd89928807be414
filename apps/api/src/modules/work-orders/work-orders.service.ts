import type { PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OutboxRelay } from '../../pubsub/outbox.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { orderScope } from '../orders/orders.repository.ts';
import type { WorkflowEngine } from '../workflow/workflow.engine.ts';

export type CompleteOutcome = { ok: true; orderId: number } | { ok: false; error: { code: string; message: string; field?: string } };

/** Work-order handling rules. Dispatch, claim, locks and queues join here next. */
export class WorkOrdersService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly engine: WorkflowEngine,
  ) {}

  /** Completes (回单) a work order normally or with an exception type, in one transaction with the transition. */
  async complete(viewer: ViewerRecord, input: { workOrderId: number; exceptionType: string | null; note: string | null }): Promise<CompleteOutcome> {
    assertCan(viewer, 'work-orders:complete');
    const workOrder = await this.prisma.workOrder.findFirst({
      where: { id: input.workOrderId, order: orderScope(viewer.scope) },
      select: { id: true, stepId: true, order: { select: { id: true, orderNo: true, templateId: true } } },
    });
    if (!workOrder) {
      return { ok: false, error: { code: 'WORK_ORDER_NOT_FOUND', message: `Work order ${input.workOrderId} does not exist or is outside your data permissions.`, field: 'workOrderId' } };
    }
    try {
      await this.prisma.$transaction(
        (tx) =>
          this.engine.complete(
            tx,
            workOrder.order,
            workOrder.id,
            input.exceptionType ? { kind: 'EXCEPTION', exceptionType: input.exceptionType } : { kind: 'NORMAL' },
            viewer.staffId,
            input.note,
          ),
        { timeout: 30_000 },
      );
    } catch (error) {
      // Business refusals are outcomes, not failures.
      if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'BAD_USER_INPUT')) {
        return { ok: false, error: { code: error.code === 'CONFLICT' ? 'ALREADY_DONE' : 'NO_SUCH_EXCEPTION_FLOW', message: error.message, field: error.details.field } };
      }
      throw error;
    }
    await this.relay.kick();
    return { ok: true, orderId: workOrder.order.id };
  }
}
