import { type Prisma, type PrismaClient, transaction } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OutboxRelay } from '../../pubsub/outbox.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { SortDirection } from '../../lib/keyset.ts';
import { resolveOrderCriteria } from '../orders/order-query.ts';
import { orderScope } from '../orders/orders.repository.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { REJECT_TO_CRM, type WorkflowEngine } from '../workflow/workflow.engine.ts';
import { OFFLINE_ACTIVATION_TYPE, offlineActivationProblem, offlineActivationTarget, recordOfflineActivation, type OfflineActivationInput } from '../activation/offline-activation.ts';
import { enqueueEvent } from '../../pubsub/outbox.ts';
import type { PositionRecord } from '../positions/positions.types.ts';
import type { StaffRecord } from '../staff/staff.types.ts';
import { positionsServing, WorkOrdersRepository, type QueueFilter } from './work-orders.repository.ts';
import type { WorkOrderConnectionRecord, WorkOrderFilterInput, WorkOrderRecord, WorkOrderSortField } from './work-orders.types.ts';

type Failure = { code: string; message: string; field?: string };
export type CompleteOutcome = { ok: true; orderId: number } | { ok: false; error: Failure };
export type ActionOutcome = { ok: true; workOrders: WorkOrderRecord[] } | { ok: false; error: Failure };

/** A refusal inside a handling transaction: rolls it back and becomes the action's outcome. */
class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Work-order handling rules: queues, manual assignment, dispatch (batch only within one position),
 * claim and unlock, completion by the handler only. Each action is one transaction over locked rows.
 */
export class WorkOrdersService {
  readonly repository: WorkOrdersRepository;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly engine: WorkflowEngine,
    private readonly organisations: OrganisationsService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new WorkOrdersRepository(prisma, (scope, path) => organisations.idsInScope(scope, path));
  }

  queue(viewer: ViewerRecord, filter: { positionId: number | null; mine: boolean; awaitingAssignment: boolean; anyPosition: boolean; state: QueueFilter['state'] }, first: number, after: string | null) {
    assertCan(viewer, 'orders:read');
    const { mine, ...rest } = filter;
    return this.repository.page(viewer.scope, { ...rest, staffId: mine ? viewer.staffId : null }, first, after);
  }

  /**
   * Positions work orders can be put in by hand: work-order handling positions in the viewer's scope
   * serving every given work order's area (all of the scope's without work orders).
   */
  async assignablePositions(viewer: ViewerRecord, workOrderIds: number[] | null, search: string | null, first: number): Promise<PositionRecord[]> {
    assertCan(viewer, 'work-orders:dispatch');
    let areas: (string | null)[] = [];
    if (workOrderIds !== null) {
      const unique = [...new Set(workOrderIds)];
      const paths = await this.repository.areaPaths(this.prisma, unique, viewer.scope);
      const missing = unique.filter((id) => !paths.has(id));
      if (missing.length > 0) throw new AppError('NOT_FOUND', `Work order(s) ${missing.join(', ')} do not exist or are outside your data permissions.`, { field: 'workOrderIds' });
      areas = [...new Set(paths.values())];
    }
    return this.repository.handlingPositions(this.prisma, viewer.scope, areas, search, first);
  }

  /** Active staff holding a work-order handling position of the viewer's scope: whom its work orders can be dispatched to. */
  async positionStaff(viewer: ViewerRecord, positionId: number, search: string | null, first: number): Promise<StaffRecord[]> {
    assertCan(viewer, 'work-orders:dispatch');
    const position = await this.prisma.position.count({ where: { id: positionId, positionType: { kind: 'WORK_ORDER' }, organisation: organisationInScope(viewer.scope) } });
    if (position === 0) throw new AppError('NOT_FOUND', `Position ${positionId} is not a work-order handling position within your data permissions.`, { field: 'positionId' });
    return this.repository.positionHolders(this.prisma, positionId, search, first);
  }

  /** Work-order query (工单查询): a keyset page of the work orders the viewer may see that match the filter. */
  async query(
    viewer: ViewerRecord,
    request: { filter: WorkOrderFilterInput | null; sortBy: WorkOrderSortField; sortDirection: SortDirection; first: number; after: string | null },
    /** The client selects the count: it is read alongside the page. */
    withCount = false,
  ): Promise<WorkOrderConnectionRecord> {
    assertCan(viewer, 'orders:read');
    const order = await resolveOrderCriteria(this.organisations, viewer, request.filter?.order ?? null, 'filter.order');
    const criteria = request.filter ? { ...request.filter, order } : null;
    return this.repository.query(viewer.scope, criteria, request.sortBy, request.sortDirection, request.first, request.after, withCount);
  }

  assignPosition(viewer: ViewerRecord, workOrderId: number, positionId: number): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:dispatch');
    return this.act(viewer, [workOrderId], async (tx, [workOrder], now) => {
      if (workOrder.state !== 'PENDING' || workOrder.staffId !== null) refuse('ALREADY_HANDLED', `Work order ${workOrder.workOrderNo} is already being handled.`, 'workOrderId');
      const area = (await this.repository.areaPaths(tx, [workOrder.id], viewer.scope)).get(workOrder.id) ?? null;
      if (area === null) refuse('NO_POSITION_FOR_AREA', `Work order ${workOrder.workOrderNo}: its order has no business area, so no construction position serves it.`, 'workOrderId');
      const position = await tx.position.findFirst({
        where: { AND: [{ id: positionId, positionType: { kind: 'WORK_ORDER' }, organisation: organisationInScope(viewer.scope) }, positionsServing(area)] },
        select: { id: true, name: true },
      });
      if (!position) refuse('NO_SUCH_POSITION', `Position ${positionId} is not a work-order handling position within your data permissions serving the area of work order ${workOrder.workOrderNo}.`, 'positionId');
      await tx.workOrder.update({ where: { id: workOrder.id }, data: { positionId } });
      return [{ workOrder, action: 'MANUAL_ASSIGNMENT', detail: `queued at ${position!.name} by hand` }];
    });
  }

  dispatch(viewer: ViewerRecord, workOrderIds: number[], staffId: number): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:dispatch');
    return this.act(viewer, workOrderIds, async (tx, workOrders, now) => {
      const positions = [...new Set(workOrders.map((wo) => wo.positionId))];
      if (positions.length > 1 || positions[0] === null) {
        const list = workOrders.map((wo) => `${wo.workOrderNo} (${wo.positionId === null ? 'no position' : `position ${wo.positionId}`})`).join(', ');
        refuse('MIXED_POSITIONS', `Batch dispatch needs work orders of one position; these are not: ${list}.`, 'workOrderIds');
      }
      const busy = workOrders.filter((wo) => wo.state !== 'PENDING' || wo.staffId !== null);
      if (busy.length > 0) refuse('ALREADY_HANDLED', `Already being handled or done: ${busy.map((wo) => wo.workOrderNo).join(', ')}.`, 'workOrderIds');
      if (!(await this.repository.mayHandle(tx, staffId, positions[0] as number))) refuse('NOT_AT_POSITION', `Staff ${staffId} has no work-order permission for the position these work orders are queued at.`, 'staffId');
      await tx.workOrder.updateMany({ where: { id: { in: workOrders.map((wo) => wo.id) } }, data: { staffId, state: 'IN_PROGRESS', startedAt: now } });
      const lines = [];
      for (const workOrder of workOrders) {
        lines.push({ workOrder, action: 'DISPATCH', detail: `dispatched to staff ${staffId}` });
        lines.push(...(await this.handOn(tx, workOrder, staffId)));
      }
      return lines;
    });
  }

  claim(viewer: ViewerRecord, workOrderId: number): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:complete');
    return this.act(viewer, [workOrderId], async (tx, [workOrder], now) => {
      if (workOrder.state !== 'PENDING' || workOrder.staffId !== null) refuse('ALREADY_HANDLED', `Work order ${workOrder.workOrderNo} is already claimed or done.`, 'workOrderId');
      if (workOrder.positionId === null || !(await this.repository.mayHandle(tx, viewer.staffId as number, workOrder.positionId))) {
        refuse('NOT_AT_POSITION', `Work order ${workOrder.workOrderNo} is queued at a position outside your work-order permissions.`, 'workOrderId');
      }
      await tx.workOrder.update({ where: { id: workOrder.id }, data: { staffId: viewer.staffId, state: 'IN_PROGRESS', startedAt: now } });
      return [{ workOrder, action: 'CLAIM', detail: 'claimed' }, ...(await this.handOn(tx, workOrder, viewer.staffId as number))];
    });
  }

  /** Arrival on site (到达): the handler of a work order in progress, once; an order-log line for the track. */
  arrive(viewer: ViewerRecord, workOrderId: number): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:complete');
    return this.act(viewer, [workOrderId], async (tx, [workOrder]) => {
      if (workOrder.staffId !== viewer.staffId) refuse('NOT_YOUR_WORK_ORDER', `Work order ${workOrder.workOrderNo} is not yours to arrive at.`, 'workOrderId');
      if (workOrder.state !== 'IN_PROGRESS') refuse('NOT_IN_PROGRESS', `Work order ${workOrder.workOrderNo} is not in progress.`, 'workOrderId');
      if (await this.repository.arrived(tx, workOrder)) refuse('ALREADY_ARRIVED', `Arrival at work order ${workOrder.workOrderNo} is already recorded.`, 'workOrderId');
      return [{ workOrder, action: 'ARRIVE', detail: 'arrived on site' }];
    });
  }

  /** The claimer (or dispatchee) becomes the handler of the later steps that take theirs from this one (`handlerFromStep`). */
  private async handOn(tx: Prisma.TransactionClient, workOrder: WorkOrderRecord, staffId: number) {
    const steps = await this.engine.handlerTaken(tx, { orderId: workOrder.orderId, stepId: workOrder.stepId, positionId: workOrder.positionId }, staffId);
    return steps.map((stepCode) => ({ workOrder, action: 'SET_STEP_HANDLER', detail: `staff ${staffId} will handle step ${stepCode}`, silent: true }));
  }

  /**
   * Manual exception handling (人工异常处理): pick an exception (its exception flow starts), or transfer
   * to customer contact / the business office (the work order goes back to its queue, deferred).
   */
  async handleManualException(
    viewer: ViewerRecord,
    input: { workOrderId: number; action: 'PICK_EXCEPTION' | 'CUSTOMER_CONTACT' | 'BUSINESS_OFFICE'; exceptionType: string | null; note: string | null },
  ): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:dispatch');
    if (input.action === 'PICK_EXCEPTION') {
      if (!input.exceptionType || input.exceptionType === 'MANUAL') {
        return { ok: false, error: { code: 'EXCEPTION_TYPE_REQUIRED', message: 'Pick one of the step’s exception types.', field: 'exceptionType' } };
      }
      const parked = await this.prisma.workOrder.count({ where: { id: input.workOrderId, state: 'MANUAL_EXCEPTION' } });
      if (parked === 0) return { ok: false, error: { code: 'NOT_IN_MANUAL_EXCEPTION', message: `Work order ${input.workOrderId} is not in manual exception handling.`, field: 'workOrderId' } };
      const completed = await this.completeAs(viewer, { workOrderId: input.workOrderId, exceptionType: input.exceptionType, note: input.note }, false);
      return completed.ok ? { ok: true, workOrders: await this.repository.byIds(this.prisma, [input.workOrderId]) } : completed;
    }
    return this.act(viewer, [input.workOrderId], async (tx, [workOrder]) => {
      if (workOrder.state !== 'MANUAL_EXCEPTION') refuse('NOT_IN_MANUAL_EXCEPTION', `Work order ${workOrder.workOrderNo} is not in manual exception handling.`, 'workOrderId');
      await tx.workOrder.update({ where: { id: workOrder.id }, data: { state: 'PENDING', staffId: null, startedAt: null, deferredTo: input.action } });
      const to = input.action === 'CUSTOMER_CONTACT' ? 'customer contact' : 'the business office';
      return [{ workOrder, action: `TRANSFER_${input.action}`, detail: `transferred to ${to}${input.note ? `: ${input.note}` : ''}` }];
    });
  }

  /** Batch completion (批量回单): each work order in its own transaction, with a result per row. */
  async completeMany(viewer: ViewerRecord, workOrderIds: number[], note: string | null): Promise<{ workOrderId: number; outcome: CompleteOutcome }[]> {
    assertCan(viewer, 'work-orders:complete');
    const results = [];
    for (const workOrderId of [...new Set(workOrderIds)]) results.push({ workOrderId, outcome: await this.complete(viewer, { workOrderId, exceptionType: null, note }) });
    return results;
  }

  /**
   * Prints work-order sheets (工单打印): records each print in the order log and returns, per work
   * order, which copy this is. The sheet's fields are the work order's and its order's.
   */
  async print(viewer: ViewerRecord, workOrderIds: number[]): Promise<{ ok: true; sheets: { workOrder: WorkOrderRecord; copy: number; printedAt: Date; printedBy: number | null }[] } | { ok: false; error: Failure }> {
    assertCan(viewer, 'orders:read');
    const copies = new Map<number, number>();
    let printedAt = this.now();
    const outcome = await this.act(viewer, workOrderIds, async (tx, workOrders, now) => {
      printedAt = now;
      const earlier = await tx.orderLog.groupBy({ by: ['workOrderId'], where: { workOrderId: { in: workOrders.map((wo) => wo.id) }, action: 'PRINT' }, _count: { _all: true } });
      for (const workOrder of workOrders) copies.set(workOrder.id, (earlier.find((row) => row.workOrderId === workOrder.id)?._count._all ?? 0) + 1);
      return workOrders.map((workOrder) => ({ workOrder, action: 'PRINT', detail: `sheet printed (copy ${copies.get(workOrder.id)})`, silent: true }));
    });
    if (!outcome.ok) return outcome;
    return { ok: true, sheets: outcome.workOrders.map((workOrder) => ({ workOrder, copy: copies.get(workOrder.id) as number, printedAt, printedBy: viewer.staffId })) };
  }

  unlock(viewer: ViewerRecord, workOrderId: number): Promise<ActionOutcome> {
    assertCan(viewer, 'work-orders:unlock');
    return this.act(viewer, [workOrderId], async (tx, [workOrder]) => {
      if (workOrder.state !== 'IN_PROGRESS') refuse('NOT_LOCKED', `Work order ${workOrder.workOrderNo} is not locked to anyone.`, 'workOrderId');
      await tx.workOrder.update({ where: { id: workOrder.id }, data: { staffId: null, state: 'PENDING', startedAt: null } });
      return [{ workOrder, action: 'UNLOCK', detail: `unlocked (was staff ${workOrder.staffId})` }];
    });
  }

  /** Runs a handling action over locked work orders in one transaction, with its log lines and events. */
  private async act(
    viewer: ViewerRecord,
    ids: number[],
    /** The change; its log lines, each with a work-order event unless `silent` (nothing about the work order changed). */
    change: (tx: Prisma.TransactionClient, workOrders: WorkOrderRecord[], now: Date) => Promise<{ workOrder: WorkOrderRecord; action: string; detail: string; silent?: boolean }[]>,
  ): Promise<ActionOutcome> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > 200) return { ok: false, error: { code: 'BAD_BATCH', message: 'Give 1 to 200 work orders.', field: 'workOrderIds' } };
    try {
      await this.prisma.$transaction(async (tx) => {
        const workOrders = await this.repository.lockInScope(tx, unique, viewer.scope);
        if (workOrders.length !== unique.length) {
          const missing = unique.filter((id) => !workOrders.some((wo) => wo.id === id));
          refuse('WORK_ORDER_NOT_FOUND', `Work order(s) ${missing.join(', ')} do not exist or are outside your data permissions.`, 'workOrderIds');
        }
        const now = this.now();
        for (const line of await change(tx, workOrders, now)) {
          await tx.orderLog.create({ data: { orderId: line.workOrder.orderId, workOrderId: line.workOrder.id, staffId: viewer.staffId, action: line.action, detail: line.detail, createdAt: now } });
          if (line.silent) continue;
          const state = (await tx.workOrder.findUniqueOrThrow({ where: { id: line.workOrder.id }, select: { state: true } })).state;
          await enqueueEvent(tx, 'work-order.changed', { workOrderId: line.workOrder.id, orderId: line.workOrder.orderId, state });
        }
      });
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.failure };
      throw error;
    }
    await this.relay.kick();
    return { ok: true, workOrders: await this.repository.byIds(this.prisma, unique) };
  }

  /** Completes (回单) a work order normally or with an exception type, in one transaction with the transition. */
  async complete(viewer: ViewerRecord, input: CompleteInput): Promise<CompleteOutcome> {
    assertCan(viewer, 'work-orders:complete');
    return this.completeAs(viewer, input, true);
  }

  private async completeAs(viewer: ViewerRecord, input: CompleteInput, asHandler: boolean): Promise<CompleteOutcome> {
    const workOrder = await this.prisma.workOrder.findFirst({
      where: { id: input.workOrderId, order: orderScope(viewer.scope) },
      select: { id: true, stepId: true, staffId: true, positionId: true, step: { select: { workOrderTypeCode: true } }, order: { select: { id: true, orderNo: true, templateId: true, organisationId: true } } },
    });
    if (!workOrder) {
      return { ok: false, error: { code: 'WORK_ORDER_NOT_FOUND', message: `Work order ${input.workOrderId} does not exist or is outside your data permissions.`, field: 'workOrderId' } };
    }
    // Once dispatched or claimed, only the handler may act; before that, the position's holders.
    if (asHandler && workOrder.staffId !== null && workOrder.staffId !== viewer.staffId) {
      return { ok: false, error: { code: 'NOT_YOUR_WORK_ORDER', message: `Work order ${input.workOrderId} is locked to another staff member.`, field: 'workOrderId' } };
    }
    if (asHandler && workOrder.staffId === null && workOrder.positionId !== null && !(await this.repository.mayHandle(this.prisma, viewer.staffId as number, workOrder.positionId))) {
      return { ok: false, error: { code: 'NOT_AT_POSITION', message: `Work order ${input.workOrderId} is queued at a position outside your work-order permissions.`, field: 'workOrderId' } };
    }
    if (input.exceptionType === REJECT_TO_CRM && !input.note) {
      return { ok: false, error: { code: 'REASON_REQUIRED', message: 'A rejection to CRM needs its reason in the note: CRM passes it on to the customer.', field: 'note' } };
    }
    // Offline activation (线下激活): a normal completion carries what was set up by hand, checked
    // against the order's resources; no other completion carries it.
    const offline = workOrder.step.workOrderTypeCode === OFFLINE_ACTIVATION_TYPE && !input.exceptionType;
    const activation = input.offlineActivation ?? null;
    if (!offline && activation) {
      return { ok: false, error: { code: 'NOT_OFFLINE_ACTIVATION', message: `Only the normal completion of an offline-activation work order carries activation data.`, field: 'offlineActivation' } };
    }
    if (offline) {
      const problem = offlineActivationProblem(await offlineActivationTarget(this.prisma, workOrder.order.id), activation);
      if (problem) return { ok: false, error: problem };
    }
    try {
      await transaction(
        this.prisma,
        async (tx) => {
          if (offline && activation) await recordOfflineActivation(tx, workOrder.order.id, activation, this.now());
          await this.engine.complete(
            tx,
            workOrder.order,
            workOrder.id,
            input.exceptionType ? { kind: 'EXCEPTION', exceptionType: input.exceptionType } : { kind: 'NORMAL' },
            viewer.staffId,
            input.note,
          );
        },
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

/** A completion (回单): normal or with an exception type, and what an offline activation set up. */
export interface CompleteInput {
  workOrderId: number;
  exceptionType: string | null;
  note: string | null;
  offlineActivation?: OfflineActivationInput | null;
}

function refuse(code: string, message: string, field?: string): never {
  throw new Refusal({ code, message, field });
}
