import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import { enqueueEvent, type OutboxRelay } from '../../pubsub/outbox.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { orderScope } from '../orders/orders.repository.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { findConstructionPosition, manualStepKinds } from '../work-orders/dispatch-rules.ts';
import { positionsServing } from '../work-orders/work-orders.repository.ts';
import type { WorkOrderConnectionRecord, WorkOrderRecord } from '../work-orders/work-orders.types.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import type { StepNode, TemplateGraph } from '../workflow/workflow.types.ts';
import { workOrderSelect } from '../orders/orders.repository.ts';
import { DispatchCenterRepository } from './dispatch-center.repository.ts';
import type { AssignInput, DispatchLaterStepRecord, DispatchSuggestionRecord, DispatchTeamRecord } from './dispatch-center.types.ts';

type Tx = Prisma.TransactionClient;

/** A dispatch-center work order with what the assignment checks. */
const dispatchWorkOrderSelect = {
  ...workOrderSelect,
  step: { select: { kind: true, code: true, name: true } },
  order: { select: { id: true, orderNo: true, templateId: true, organisationId: true, organisation: { select: { path: true } } } },
} as const;

/**
 * The dispatch center (家客调度中心): the dispatchers' to-do, the teams to choose from, and the
 * assignment that records the appointment, chooses the later steps' handlers and completes the
 * dispatch-center work order, all in one transaction.
 */
export class DispatchCenterService {
  readonly repository: DispatchCenterRepository;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly workflows: WorkflowService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new DispatchCenterRepository(prisma);
  }

  /** The to-do (我的待办): dispatch-center work orders pending at the viewer's positions or locked to them. */
  async todo(viewer: ViewerRecord, filter: { areaId: number | null; search: string | null }, first: number, after: string | null): Promise<WorkOrderConnectionRecord> {
    assertCan(viewer, 'orders:read');
    const areaPath = await this.organisations.visiblePath(viewer, filter.areaId, 'filter.areaId');
    return this.repository.todo(viewer.scope, viewer.staffId as number, { areaPath, search: filter.search }, first, after);
  }

  /** The teams covering a to-do's area (the dispatch rules' pick among them) and the later steps whose handlers can be chosen. */
  async suggestion(viewer: ViewerRecord, workOrderId: number): Promise<DispatchSuggestionRecord> {
    assertCan(viewer, 'work-orders:complete');
    const workOrder = await this.prisma.workOrder.findFirst({ where: { id: workOrderId, order: orderScope(viewer.scope) }, select: dispatchWorkOrderSelect });
    if (!workOrder) throw new AppError('NOT_FOUND', `Work order ${workOrderId} does not exist or is outside your data permissions.`, { field: 'workOrderId' });
    if (workOrder.step.kind !== 'DISPATCH_CENTER') throw new AppError('BAD_USER_INPUT', `Work order ${workOrder.workOrderNo} is not a dispatch-center work order.`, { field: 'workOrderId' });
    const graph = await this.workflows.repository.graph(this.prisma, workOrder.order.templateId);
    const laterSteps = laterStepsOf(graph, workOrder.stepId);
    const teams = await this.repository.teamsCovering(this.prisma, workOrder.order.organisation?.path ?? null);
    // The dispatch rules' pick for the step right after the dispatch center (the appointment).
    const first = nextSteps(graph, workOrder.stepId)[0];
    const picked = first ? await findConstructionPosition(this.prisma as unknown as Tx, workOrder.order.id, first.workOrderTypeCode) : null;
    const { step: _step, order: _order, ...record } = workOrder;
    return { workOrder: record, teams, suggestedTeamId: teams.find((team) => team.positionId === picked)?.id ?? null, laterSteps: laterSteps.map(({ code, name, nameEn, handlerFromStep }) => ({ code, name, nameEn, handlerFromStep })) };
  }

  /**
   * Assigns (派单) a dispatch-center work order: the appointment time on the order, the handlers of
   * the later steps (the steps right after the dispatch center go to the team unless chosen
   * otherwise), an audit entry and an order log line, and the work order's normal completion, whose
   * transition creates the next step's work order at the team — one transaction, or nothing.
   */
  async assign(viewer: ViewerRecord, input: AssignInput): Promise<Outcome<WorkOrderRecord>> {
    assertCan(viewer, 'work-orders:complete');
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(
        async (tx) => {
          // The order first, then the work order: the engine's lock order (no deadlock with a transition).
          await tx.$queryRaw`SELECT id FROM "order" WHERE id = (SELECT order_id FROM work_order WHERE id = ${input.workOrderId}) FOR UPDATE`;
          await tx.$queryRaw`SELECT id FROM work_order WHERE id = ${input.workOrderId} FOR UPDATE`;
          const workOrder = await tx.workOrder.findFirst({ where: { id: input.workOrderId, order: orderScope(viewer.scope) }, select: dispatchWorkOrderSelect });
          if (!workOrder) throw new Refusal('WORK_ORDER_NOT_FOUND', `Work order ${input.workOrderId} does not exist or is outside your data permissions.`, 'workOrderId');
          if (workOrder.step.kind !== 'DISPATCH_CENTER' || (workOrder.state !== 'PENDING' && workOrder.state !== 'IN_PROGRESS')) {
            throw new Refusal('NOT_AT_DISPATCH_STEP', `Work order ${workOrder.workOrderNo} is not an open dispatch-center work order (${workOrder.step.code}, ${workOrder.state.toLowerCase()}).`, 'workOrderId');
          }
          if (workOrder.staffId !== null && workOrder.staffId !== viewer.staffId) throw new Refusal('NOT_YOUR_WORK_ORDER', `Work order ${workOrder.workOrderNo} is locked to another staff member.`, 'workOrderId');
          if (workOrder.staffId === null && (workOrder.positionId === null || !(await mayHandle(tx, viewer.staffId as number, workOrder.positionId)))) {
            throw new Refusal('NOT_AT_POSITION', `Work order ${workOrder.workOrderNo} is queued at a position outside your work-order permissions.`, 'workOrderId');
          }
          const now = this.now();
          if (input.appointmentAt.getTime() <= now.getTime()) throw new Refusal('APPOINTMENT_IN_PAST', `The appointment time ${input.appointmentAt.toISOString()} is not in the future.`, 'appointmentAt');
          const areaPath = workOrder.order.organisation?.path ?? null;
          const team = await this.repository.team(tx, input.teamId);
          if (!team) throw new Refusal('TEAM_NOT_FOUND', `Team ${input.teamId} does not exist.`, 'teamId');
          const covering = await this.repository.teamsCovering(tx, areaPath);
          if (!covering.some((candidate) => candidate.id === team.id)) throw new Refusal('TEAM_NOT_COVERING_AREA', `Team ${team.code} does not cover the area of order ${workOrder.order.orderNo}.`, 'teamId');

          const graph = await this.workflows.repository.graph(tx, workOrder.order.templateId);
          const laterSteps = laterStepsOf(graph, workOrder.stepId);
          const handlers = new Map<string, { positionId: number; staffId: number | null }>();
          for (const [index, choice] of input.handlers.entries()) {
            const field = `handlers.${index}`;
            if (!laterSteps.some((step) => step.code === choice.stepCode)) {
              throw new Refusal('UNKNOWN_STEP', `Step ${choice.stepCode} is not a later step handled by people in the template ${graph.code} v${graph.version} of order ${workOrder.order.orderNo} (its later steps: ${laterSteps.map((step) => step.code).join(', ') || 'none'}).`, `${field}.stepCode`);
            }
            if (handlers.has(choice.stepCode)) throw new Refusal('DUPLICATE_STEP', `Step ${choice.stepCode} is given more than one handler.`, `${field}.stepCode`);
            handlers.set(choice.stepCode, await this.handlerOf(tx, choice, field, areaPath, covering, workOrder.order.orderNo));
          }
          // The steps right after the dispatch center go to the assigned team unless chosen otherwise.
          for (const step of nextSteps(graph, workOrder.stepId)) if (!handlers.has(step.code)) handlers.set(step.code, { positionId: team.positionId, staffId: null });

          const { state } = await tx.order.update({ where: { id: workOrder.order.id }, data: { appointmentAt: input.appointmentAt }, select: { state: true } });
          // Screens following the order (its appointment time) hear of it after commit.
          await enqueueEvent(tx, 'order.changed', { orderId: workOrder.order.id, state });
          // A new assignment replaces what an earlier round chose (e.g. after a wrong address).
          await tx.orderStepHandler.deleteMany({ where: { orderId: workOrder.order.id, stepCode: { in: laterSteps.map((step) => step.code) } } });
          for (const [stepCode, handler] of handlers) await tx.orderStepHandler.create({ data: { orderId: workOrder.order.id, stepCode, ...handler } });
          const chosen = [...handlers].map(([stepCode, handler]) => `${stepCode} → position ${handler.positionId}${handler.staffId === null ? '' : ` / staff ${handler.staffId}`}`).join('; ');
          await tx.orderLog.create({
            data: { orderId: workOrder.order.id, workOrderId: workOrder.id, staffId: viewer.staffId, action: 'DISPATCH_ASSIGN', detail: `assigned to team ${team.code}, appointment ${input.appointmentAt.toISOString()}; ${chosen}`, createdAt: now },
          });
          await this.audit.record(tx, viewer, {
            action: 'dispatch-center.assign',
            entityType: 'Order',
            entityId: workOrder.order.id,
            summary: `${workOrder.order.orderNo} → ${team.code}`,
            after: { workOrderNo: workOrder.workOrderNo, appointmentAt: input.appointmentAt.toISOString(), team: team.code, handlers: Object.fromEntries(handlers) },
          });
          const order = { id: workOrder.order.id, orderNo: workOrder.order.orderNo, templateId: workOrder.order.templateId, organisationId: workOrder.order.organisationId };
          try {
            await this.workflows.engine.complete(tx, order, workOrder.id, { kind: 'NORMAL' }, viewer.staffId, `assigned to team ${team.code}`);
          } catch (error) {
            if (error instanceof AppError && error.code === 'CONFLICT') throw new Refusal('ALREADY_DONE', error.message, 'workOrderId');
            throw error;
          }
          return workOrder.id;
        },
        { timeout: 30_000 },
      ),
    );
    if (!outcome.ok) return outcome;
    await this.relay.kick();
    const [workOrder] = await this.prisma.workOrder.findMany({ where: { id: outcome.value }, select: workOrderSelect });
    return { ok: true, value: workOrder as WorkOrderRecord };
  }

  /** The position (and staff) a later-step choice names, checked against the order's area. */
  private async handlerOf(tx: Tx, choice: AssignInput['handlers'][number], field: string, areaPath: string | null, covering: DispatchTeamRecord[], orderNo: string): Promise<{ positionId: number; staffId: number | null }> {
    let positionId: number;
    if (choice.teamId !== null) {
      const team = covering.find((candidate) => candidate.id === choice.teamId);
      if (!team) throw new Refusal('TEAM_NOT_COVERING_AREA', `Team ${choice.teamId} does not exist or does not cover the area of order ${orderNo}.`, `${field}.teamId`);
      positionId = team.positionId;
    } else if (choice.positionId !== null) {
      const position = await tx.position.findFirst({ where: { AND: [{ id: choice.positionId, positionType: { kind: 'WORK_ORDER' } }, positionsServing(areaPath)] }, select: { id: true } });
      if (!position) throw new Refusal('POSITION_NOT_SERVING_AREA', `Position ${choice.positionId} is not a work-order handling position serving the area of order ${orderNo}.`, `${field}.positionId`);
      positionId = position.id;
    } else {
      throw new Refusal('HANDLER_REQUIRED', `Step ${choice.stepCode}: name a team or a position.`, `${field}.teamId`);
    }
    if (choice.staffId !== null && !(await mayHandle(tx, choice.staffId, positionId))) {
      throw new Refusal('STAFF_NOT_AT_POSITION', `Staff ${choice.staffId} has no work-order permission for the queue chosen for step ${choice.stepCode}.`, `${field}.staffId`);
    }
    return { positionId, staffId: choice.staffId };
  }
}

async function mayHandle(tx: Tx, staffId: number, positionId: number): Promise<boolean> {
  return (await tx.staffWorkOrderPosition.count({ where: { staffId, positionId } })) > 0;
}

/** Steps entered by a normal transition from the step. */
function nextSteps(graph: TemplateGraph, stepId: number): StepNode[] {
  return (graph.outgoing.get(stepId) ?? []).filter((edge) => edge.kind === 'NORMAL').map((edge) => graph.steps.get(edge.toStepId) as StepNode).filter((step) => manualStepKinds.has(step.kind));
}

/** The steps people handle that follow the step along normal transitions, in the order the flow reaches them. */
export function laterStepsOf(graph: TemplateGraph, stepId: number): DispatchLaterStepRecord[] {
  const seen = new Set<number>([stepId]);
  const queue = [stepId];
  const found: StepNode[] = [];
  while (queue.length) {
    const id = queue.shift() as number;
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (edge.kind !== 'NORMAL' || seen.has(edge.toStepId)) continue;
      seen.add(edge.toStepId);
      queue.push(edge.toStepId);
      const step = graph.steps.get(edge.toStepId) as StepNode;
      if (manualStepKinds.has(step.kind)) found.push(step);
    }
  }
  return found.map(({ code, name, nameEn, handlerFromStep }) => ({ code, name, nameEn, handlerFromStep }));
}
