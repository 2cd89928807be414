import type { Prisma } from '@openiom/db';
import { AppError } from '../../errors/app-error.ts';
import { manualStepKinds, stepDispatch } from '../work-orders/dispatch-rules.ts';
import type { TimeLimitsService } from '../time-limits/time-limits.service.ts';
import type { Transition, TransitionRepository, WorkOrderStep } from './transition.repository.ts';
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

/**
 * The exception type that rejects the order to CRM (驳回CRM): allowed where the template has an edge
 * of this type (to END); the order ends REJECTED, its other work orders are cancelled and CRM is told
 * why (the completion's note, required).
 */
export const REJECT_TO_CRM = 'REJECT_TO_CRM';

/**
 * The exception type an automatic step ends with when its external system refused the last attempt,
 * where the template routes it (broadband activation → failure review); elsewhere the request stays
 * FAILED for a re-send from the interface monitor.
 */
export const ACTIVATION_FAILED = 'ACTIVATION_FAILED';

/** Step kinds handled by an external system, and which one. */
const automaticSystems: Partial<Record<StepNode['kind'], 'RESOURCE' | 'PROVISIONING' | 'CRM'>> = {
  RESOURCE_REQUEST: 'RESOURCE',
  NETWORK_ACTIVATION: 'PROVISIONING',
  CRM_NOTICE: 'CRM',
};

/** A transition being decided: what it will write, and the order's work orders as they will be. */
interface Draft {
  transition: Transition;
  workOrders: WorkOrderStep[];
}

/**
 * Moves orders through their template. Every method runs inside the caller's transaction, which
 * also holds the order log lines and the outbox events it writes: a transition happens whole or
 * not at all. A transition locks its work order (reading the order's other work orders with it),
 * decides in memory which work orders to create (joins, rounds, order completion), and writes it
 * all in one statement (see TransitionRepository).
 */
export class WorkflowEngine {
  constructor(
    private readonly repository: WorkflowRepository,
    private readonly transitions: TransitionRepository,
    private readonly timeLimits: TimeLimitsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Starts a new order (it has no work orders yet): the steps after START get their work orders,
   * and the order's executing event follows theirs.
   */
  async start(tx: Tx, order: EngineOrder): Promise<void> {
    const graph = await this.repository.graph(tx, order.templateId);
    const draft: Draft = { transition: { orderId: order.id, completed: null, created: [], orderCompletedAt: null, orderStarted: true }, workOrders: [] };
    await this.follow(tx, graph, order, draft, graph.start.id, { kind: 'NORMAL' });
    await this.transitions.write(tx, draft.transition);
  }

  /**
   * Completes an open work order and follows the matching transitions. The caller has checked who
   * may do it. The order is locked first, so transitions of one order run one after the other and
   * each decides on what the previous ones did (joins); the locked work order makes a concurrent
   * second completion fail, not repeat.
   */
  async complete(tx: Tx, order: EngineOrder, workOrderId: number, completion: Completion, staffId: number | null, note: string | null): Promise<void> {
    const graph = await this.repository.graph(tx, order.templateId);
    await this.transitions.lockOrder(tx, order.id);
    const locked = await this.transitions.lockWorkOrder(tx, workOrderId);
    if (!locked) throw new AppError('NOT_FOUND', `Work order ${workOrderId} does not exist.`);
    if (!isOpen(locked.state)) throw new AppError('CONFLICT', `Work order ${workOrderId} is already ${locked.state.toLowerCase()}.`);
    const step = graph.steps.get(locked.stepId) as StepNode;
    if (completion.kind === 'EXCEPTION' && completion.exceptionType === MANUAL_EXCEPTION && manualStepKinds.has(step.kind)) {
      // Manual exception (人工异常): parked for manual exception handling; the flow does not move.
      if (locked.state === 'MANUAL_EXCEPTION') throw new AppError('CONFLICT', `Work order ${workOrderId} is already in manual exception handling.`);
      // It leaves its handler: manual exception handling is done by dispatchers (the log keeps who parked it).
      await this.transitions.parkWorkOrder(tx, { orderId: order.id, workOrderId, staffId, note, detail: `${step.name}${note ? `: ${note}` : ''}`, now: this.now() });
      return;
    }
    if (completion.kind === 'EXCEPTION') {
      if (!hasExceptionEdge(graph, step.id, completion.exceptionType)) throw new AppError('BAD_USER_INPUT', `Step ${step.code} has no exception flow for "${completion.exceptionType}".`, { field: 'exceptionType' });
    }
    const rejecting = completion.kind === 'EXCEPTION' && completion.exceptionType === REJECT_TO_CRM;
    if (rejecting && !note?.trim()) throw new AppError('BAD_USER_INPUT', 'A rejection to CRM needs its reason (the note): CRM tells the customer.', { field: 'note' });
    const result = completion.kind === 'NORMAL' ? 'NORMAL' : completion.exceptionType;
    const completed = {
      workOrderId,
      result,
      note,
      staffId,
      action: completion.kind === 'NORMAL' ? ('COMPLETE' as const) : ('COMPLETE_EXCEPTION' as const),
      detail: `${step.name} ${result}${note ? `: ${note}` : ''}`,
      now: this.now(),
    };
    const draft: Draft = {
      transition: { orderId: order.id, completed, created: [], orderCompletedAt: null },
      workOrders: [...locked.others, { stepId: step.id, state: 'COMPLETED' }],
    };
    if (rejecting) {
      // The order ends here, whatever else is open: nothing follows the rejection.
      await this.transitions.write(tx, draft.transition);
      await this.transitions.rejectOrder(tx, { orderId: order.id, orderNo: order.orderNo, workOrderId, reason: (note as string).trim(), now: completed.now });
      return;
    }
    await this.follow(tx, graph, order, draft, step.id, completion);
    await this.transitions.write(tx, draft.transition);
  }

  /** Whether the step of a work order has an exception flow of `exceptionType` in the order's template. */
  async hasExceptionFlow(tx: Tx, templateId: number, stepId: number, exceptionType: string): Promise<boolean> {
    return hasExceptionEdge(await this.repository.graph(tx, templateId), stepId, exceptionType);
  }

  /** Enters the steps the completion leads to. */
  private async follow(tx: Tx, graph: TemplateGraph, order: EngineOrder, draft: Draft, fromStepId: number, completion: Completion): Promise<void> {
    const edges = (graph.outgoing.get(fromStepId) ?? []).filter((edge) =>
      completion.kind === 'NORMAL' ? edge.kind === 'NORMAL' : edge.kind === 'EXCEPTION' && edge.exceptionType === completion.exceptionType,
    );
    for (const edge of edges) await this.enter(tx, graph, order, draft, graph.steps.get(edge.toStepId) as StepNode);
  }

  private async enter(tx: Tx, graph: TemplateGraph, order: EngineOrder, draft: Draft, step: StepNode): Promise<void> {
    const { workOrders } = draft;
    if (step.kind === 'END') return this.finishIfDone(draft);
    if (step.joinAll) {
      // A join waits until nothing is open on any step that leads into it by normal transitions, however
      // far back: parallel branches have all arrived, and a branch on a detour (an activation failure
      // going through its review and offline activation) is waited for too, while a way into the join
      // the order never took (the detour itself, normally) does not hold it up.
      const upstream = normalAncestors(graph, step.id);
      const ready = !workOrders.some((wo) => upstream.has(wo.stepId) && isOpen(wo.state));
      if (!ready || workOrders.some((wo) => wo.stepId === step.id && isOpen(wo.state))) return;
    }
    const round = workOrders.filter((wo) => wo.stepId === step.id).length + 1;
    const now = this.now();
    const manual = manualStepKinds.has(step.kind);
    // A handler chosen in advance for this order's step (by the dispatch center, or the claim of the
    // step it takes its handler from) beats the template's fixed position and the dispatch rules.
    // Both are read in one statement, with the rules' position.
    const dispatch = manual ? await stepDispatch(tx, order.id, step.code, step.workOrderTypeCode) : null;
    const chosen = dispatch?.chosen ?? null;
    // A step with a fixed handling position queues there; otherwise the dispatch rules decide (a fixed
    // position deleted since falls back to them).
    const fixed = manual && !chosen?.positionId && step.positionCode ? await tx.position.findUnique({ where: { code: step.positionCode }, select: { id: true } }) : null;
    const positionId = chosen?.positionId ?? (fixed ? fixed.id : (dispatch?.rulePositionId ?? null));
    const staffId = chosen?.staffId ?? null;
    // Its time limits, counted on the area's working-day calendar from now, are stored with it.
    const due = await this.timeLimits.workOrderDueTimes(tx, step.timeLimitTypeCode ?? step.workOrderTypeCode, step.code, order.organisationId, now);
    const log = [{ action: 'CREATE_WORK_ORDER', detail: `${step.name}${round > 1 ? ` (round ${round})` : ''}` }];
    if (manual) {
      log.push(
        chosen?.positionId
          ? { action: 'AUTO_DISPATCH', detail: `queued at position ${positionId} chosen in advance for this order's step` }
          : positionId
            ? { action: 'AUTO_DISPATCH', detail: fixed ? `queued at position ${step.positionCode} fixed by the template step` : `queued at position ${positionId} by dispatch rule` }
            : staffId === null
              ? { action: 'AWAIT_MANUAL_ASSIGNMENT', detail: 'no dispatch rule for this area: waiting for manual assignment of a construction position' }
              : { action: 'AWAIT_MANUAL_ASSIGNMENT', detail: 'no position for this area: queued with its chosen handler only' },
      );
      if (staffId !== null) {
        log.push({ action: 'DISPATCH', detail: `dispatched to staff ${staffId}, the handler chosen in advance for this order's step` });
        // Going straight to them counts as their claim for the steps taking their handler from this
        // one, unless a handler was already chosen for those.
        await this.handOn(tx, graph, order.id, step, { positionId, staffId }, false);
      }
    }
    const system = automaticSystems[step.kind];
    draft.transition.created.push({
      workOrderNo: `${order.orderNo}-${step.code}${round > 1 ? `-${round}` : ''}`,
      stepId: step.id,
      positionId,
      staffId,
      due,
      log,
      // An automatic step: its request to the external system is written with the work order and
      // sent by the interface worker after commit.
      interfaceRequest: system
        ? { system, kind: step.kind === 'CRM_NOTICE' ? 'COMPLETION_NOTICE' : (step.workOrderTypeCode ?? step.code), request: { orderNo: order.orderNo, step: step.code } }
        : null,
      // The completion notice (报竣) for CRM is written with the step; the CRM adapter sends it.
      completionNotice: step.kind === 'CRM_NOTICE' ? { orderNo: order.orderNo, completedAt: now.toISOString() } : null,
      now,
    });
    workOrders.push({ stepId: step.id, state: staffId === null ? 'PENDING' : 'IN_PROGRESS' });
  }

  /**
   * A work order was claimed or dispatched to a staff member: every step of its template that takes
   * its handler from this step (`handlerFromStep`) gets that staff member, at the claimed work
   * order's position, as its handler chosen in advance for this order. Runs in the claim's transaction.
   */
  async handlerTaken(tx: Tx, workOrder: { orderId: number; stepId: number; positionId: number | null }, staffId: number): Promise<string[]> {
    const order = await tx.order.findUniqueOrThrow({ where: { id: workOrder.orderId }, select: { templateId: true } });
    const graph = await this.repository.graph(tx, order.templateId);
    const from = graph.steps.get(workOrder.stepId);
    if (!from) return [];
    return this.handOn(tx, graph, workOrder.orderId, from, { positionId: workOrder.positionId, staffId }, true);
  }

  /** Writes the handler of the steps taking theirs from `from`; returns their codes. */
  private async handOn(tx: Tx, graph: TemplateGraph, orderId: number, from: StepNode, handler: { positionId: number | null; staffId: number }, replace: boolean): Promise<string[]> {
    const followers = [...graph.steps.values()].filter((step) => step.handlerFromStep === from.code).map((step) => step.code);
    const written: string[] = [];
    for (const stepCode of followers) {
      const key = { orderId_stepCode: { orderId, stepCode } };
      if (!replace && (await tx.orderStepHandler.findUnique({ where: key, select: { staffId: true } }))?.staffId) continue;
      await tx.orderStepHandler.upsert({ where: key, create: { orderId, stepCode, ...handler }, update: handler });
      written.push(stepCode);
    }
    return written;
  }

  private finishIfDone(draft: Draft): void {
    if (draft.workOrders.some((wo) => isOpen(wo.state))) return;
    draft.transition.orderCompletedAt = this.now();
  }
}

/** Whether the step has an exception transition of that type. */
function hasExceptionEdge(graph: TemplateGraph, stepId: number, exceptionType: string): boolean {
  return (graph.outgoing.get(stepId) ?? []).some((edge) => edge.kind === 'EXCEPTION' && edge.exceptionType === exceptionType);
}

/** The steps from which a path of normal transitions leads into `stepId`. */
function normalAncestors(graph: TemplateGraph, stepId: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...(graph.normalPredecessors.get(stepId) ?? [])];
  while (stack.length) {
    const id = stack.pop() as number;
    if (seen.has(id) || id === stepId) continue;
    seen.add(id);
    stack.push(...(graph.normalPredecessors.get(id) ?? []));
  }
  return seen;
}

function isOpen(state: string): boolean {
  return (openStates as readonly string[]).includes(state);
}
