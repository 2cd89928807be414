import type { Prisma } from '@openiom/db';
import { AppError } from '../../errors/app-error.ts';
import { enqueueEvent } from '../../pubsub/outbox.ts';
import { findConstructionPosition, manualStepKinds } from '../work-orders/dispatch-rules.ts';
import type { TimeLimitsService } from '../time-limits/time-limits.service.ts';
import type { WorkflowRepository } from './workflow.repository.ts';
import type { StepNode, TemplateGraph } from './workflow.types.ts';

type Tx = Prisma.TransactionClient;

export interface EngineOrder {
  id: number;
  orderNo: string;
  templateId: number;
  /** The order's area: dispatch rules and the working-day calendar of its time limits. */
  organisationId: number | null;
}

/** How a work order ended: normally, or with an exception type that selects an exception edge. */
export type Completion = { kind: 'NORMAL' } | { kind: 'EXCEPTION'; exceptionType: string };

const openStates = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const;

/** The exception type that parks a work order of a people-handled step in manual exception handling. */
export const MANUAL_EXCEPTION = 'MANUAL';

/** Step kinds handled by an external system, and which one. */
const automaticSystems: Partial<Record<StepNode['kind'], 'RESOURCE' | 'PROVISIONING' | 'CRM'>> = {
  RESOURCE_REQUEST: 'RESOURCE',
  NETWORK_ACTIVATION: 'PROVISIONING',
  CRM_NOTICE: 'CRM',
};

/**
 * Moves orders through their template. Every method runs inside the caller's transaction, which
 * also holds the order log lines and the outbox events it writes: a transition happens whole or
 * not at all.
 */
export class WorkflowEngine {
  constructor(
    private readonly repository: WorkflowRepository,
    private readonly timeLimits: TimeLimitsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts an order: the steps after START get their work orders. */
  async start(tx: Tx, order: EngineOrder): Promise<void> {
    const graph = await this.repository.graph(tx, order.templateId);
    await this.follow(tx, graph, order, graph.start.id, { kind: 'NORMAL' });
  }

  /**
   * Completes an open work order and follows the matching transitions. The caller has checked who
   * may do it; a locked row (FOR UPDATE) makes a concurrent second completion fail, not repeat.
   */
  async complete(tx: Tx, order: EngineOrder, workOrderId: number, completion: Completion, staffId: number | null, note: string | null): Promise<void> {
    const graph = await this.repository.graph(tx, order.templateId);
    const [row] = await tx.$queryRaw<{ step_id: number; state: string }[]>`
      SELECT step_id, state::text AS state FROM work_order WHERE id = ${workOrderId} FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', `Work order ${workOrderId} does not exist.`);
    if (!(openStates as readonly string[]).includes(row.state)) throw new AppError('CONFLICT', `Work order ${workOrderId} is already ${row.state.toLowerCase()}.`);
    const step = graph.steps.get(row.step_id) as StepNode;
    if (completion.kind === 'EXCEPTION' && completion.exceptionType === MANUAL_EXCEPTION && manualStepKinds.has(step.kind)) {
      // Manual exception (人工异常): parked for manual exception handling; the flow does not move.
      if (row.state === 'MANUAL_EXCEPTION') throw new AppError('CONFLICT', `Work order ${workOrderId} is already in manual exception handling.`);
      const now = this.now();
      // It leaves its handler: manual exception handling is done by dispatchers (the log keeps who parked it).
      await tx.workOrder.update({ where: { id: workOrderId }, data: { state: 'MANUAL_EXCEPTION', note, staffId: null } });
      await tx.orderLog.create({ data: { orderId: order.id, workOrderId, staffId, action: 'MANUAL_EXCEPTION', detail: `${step.name}${note ? `: ${note}` : ''}`, createdAt: now } });
      await enqueueEvent(tx, 'work-order.changed', { workOrderId, orderId: order.id, state: 'MANUAL_EXCEPTION' });
      return;
    }
    if (completion.kind === 'EXCEPTION') {
      const allowed = (graph.outgoing.get(step.id) ?? []).some((edge) => edge.kind === 'EXCEPTION' && edge.exceptionType === completion.exceptionType);
      if (!allowed) throw new AppError('BAD_USER_INPUT', `Step ${step.code} has no exception flow for "${completion.exceptionType}".`, { field: 'exceptionType' });
    }
    const now = this.now();
    const result = completion.kind === 'NORMAL' ? 'NORMAL' : completion.exceptionType;
    await tx.workOrder.update({ where: { id: workOrderId }, data: { state: 'COMPLETED', completedAt: now, result, note, staffId: staffId ?? undefined, nextAlarmAt: null } });
    await tx.orderLog.create({
      data: { orderId: order.id, workOrderId, staffId, action: completion.kind === 'NORMAL' ? 'COMPLETE' : 'COMPLETE_EXCEPTION', detail: `${step.name} ${result}${note ? `: ${note}` : ''}`, createdAt: now },
    });
    await enqueueEvent(tx, 'work-order.changed', { workOrderId, orderId: order.id, state: 'COMPLETED' });
    await this.follow(tx, graph, order, step.id, completion);
  }

  private async follow(tx: Tx, graph: TemplateGraph, order: EngineOrder, fromStepId: number, completion: Completion): Promise<void> {
    const edges = (graph.outgoing.get(fromStepId) ?? []).filter((edge) =>
      completion.kind === 'NORMAL' ? edge.kind === 'NORMAL' : edge.kind === 'EXCEPTION' && edge.exceptionType === completion.exceptionType,
    );
    for (const edge of edges) await this.enter(tx, graph, order, graph.steps.get(edge.toStepId) as StepNode);
  }

  private async enter(tx: Tx, graph: TemplateGraph, order: EngineOrder, step: StepNode): Promise<void> {
    if (step.kind === 'END') return this.finishIfDone(tx, order);
    const existing = await tx.workOrder.findMany({ where: { orderId: order.id }, select: { stepId: true, state: true } });
    if (step.joinAll) {
      // A join waits until every step leading into it has completed and none is still open.
      const predecessors = graph.normalPredecessors.get(step.id) ?? [];
      const ready = predecessors.every(
        (stepId) => existing.some((wo) => wo.stepId === stepId && wo.state === 'COMPLETED') && !existing.some((wo) => wo.stepId === stepId && isOpen(wo.state)),
      );
      if (!ready || existing.some((wo) => wo.stepId === step.id && isOpen(wo.state))) return;
    }
    const round = existing.filter((wo) => wo.stepId === step.id).length + 1;
    const now = this.now();
    const positionId = manualStepKinds.has(step.kind) ? await findConstructionPosition(tx, order.id, step.workOrderTypeCode) : null;
    // Its time limits, counted on the area's working-day calendar from now, are stored with it.
    const due = await this.timeLimits.workOrderDueTimes(tx, step.workOrderTypeCode, step.code, order.organisationId, now);
    const workOrder = await tx.workOrder.create({
      data: { workOrderNo: `${order.orderNo}-${step.code}${round > 1 ? `-${round}` : ''}`, orderId: order.id, stepId: step.id, state: 'PENDING', positionId, createdAt: now, ...due },
      select: { id: true },
    });
    await tx.orderLog.create({ data: { orderId: order.id, workOrderId: workOrder.id, action: 'CREATE_WORK_ORDER', detail: `${step.name}${round > 1 ? ` (round ${round})` : ''}`, createdAt: now } });
    if (manualStepKinds.has(step.kind)) {
      await tx.orderLog.create({
        data: {
          orderId: order.id,
          workOrderId: workOrder.id,
          action: positionId ? 'AUTO_DISPATCH' : 'AWAIT_MANUAL_ASSIGNMENT',
          detail: positionId ? `queued at position ${positionId} by dispatch rule` : 'no dispatch rule for this area: waiting for manual assignment of a construction position',
          createdAt: now,
        },
      });
    }
    const system = automaticSystems[step.kind];
    if (system) {
      // An automatic step: its request to the external system is written with the work order and
      // sent by the interface worker after commit.
      await tx.interfaceRequest.create({
        data: {
          system,
          kind: step.kind === 'CRM_NOTICE' ? 'COMPLETION_NOTICE' : (step.workOrderTypeCode ?? step.code),
          orderId: order.id,
          workOrderId: workOrder.id,
          request: { orderNo: order.orderNo, step: step.code },
          createdAt: now,
          nextAttemptAt: now,
        },
      });
    }
    if (step.kind === 'CRM_NOTICE') {
      // The completion notice (报竣) for CRM is written with the step; the CRM adapter sends it.
      await tx.crmOutboundNotice.upsert({
        where: { orderId_kind: { orderId: order.id, kind: 'COMPLETION' } },
        create: { orderId: order.id, kind: 'COMPLETION', payload: { orderNo: order.orderNo, completedAt: now.toISOString() } },
        update: {},
      });
    }
    await enqueueEvent(tx, 'work-order.changed', { workOrderId: workOrder.id, orderId: order.id, state: 'PENDING' });
  }

  private async finishIfDone(tx: Tx, order: EngineOrder): Promise<void> {
    const open = await tx.workOrder.count({ where: { orderId: order.id, state: { in: [...openStates] } } });
    if (open > 0) return;
    const now = this.now();
    const updated = await tx.order.updateMany({ where: { id: order.id, state: 'EXECUTING' }, data: { state: 'COMPLETED', completedAt: now, nextAlarmAt: null } });
    if (updated.count === 0) return;
    await tx.orderLog.create({ data: { orderId: order.id, action: 'COMPLETE_ORDER', detail: 'Order completed', createdAt: now } });
    await enqueueEvent(tx, 'order.changed', { orderId: order.id, state: 'COMPLETED' });
  }
}

function isOpen(state: string): boolean {
  return (openStates as readonly string[]).includes(state);
}
