import type { Prisma } from '@openiom/db';
import { Refusal } from '../../lib/refusal.ts';
import type { InFlightWork } from './teams.types.ts';

const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const;
/** At most this many pieces of work are listed in a refusal (the count says how many there are). */
const LISTED = 50;

type Tx = Prisma.TransactionClient;

/**
 * What stops a team or a person from going away: open work orders (pending, in progress or in
 * manual exception handling) and handlers chosen in advance for later steps of orders still
 * executing. Removing either would strand the work: nobody could claim or act on it.
 */
export interface InFlightScope {
  /** Work at this position (the team's queue). */
  positionId?: number;
  /** Work held by this staff member (with `positionId`: only the work of that position). */
  staffId?: number;
}

export async function inFlightWork(tx: Tx, scope: InFlightScope): Promise<InFlightWork[]> {
  const workWhere: Prisma.WorkOrderWhereInput = { state: { in: [...OPEN_STATES] } };
  if (scope.positionId !== undefined) workWhere.positionId = scope.positionId;
  if (scope.staffId !== undefined) workWhere.staffId = scope.staffId;
  const handlerWhere: Prisma.OrderStepHandlerWhereInput = { order: { state: 'EXECUTING' } };
  if (scope.staffId !== undefined) {
    handlerWhere.staffId = scope.staffId;
    // A person's planned work for this team: chosen as a member of it, or as a person without a position.
    if (scope.positionId !== undefined) handlerWhere.OR = [{ positionId: scope.positionId }, { positionId: null }];
  } else if (scope.positionId !== undefined) handlerWhere.positionId = scope.positionId;

  const [workOrders, handlers] = await Promise.all([
    tx.workOrder.findMany({
      where: workWhere,
      select: { workOrderNo: true, orderId: true, state: true, order: { select: { orderNo: true } }, step: { select: { code: true, name: true, nameEn: true } }, staffId: true },
      orderBy: { id: 'asc' },
      take: LISTED,
    }),
    tx.orderStepHandler.findMany({
      where: handlerWhere,
      select: { orderId: true, stepCode: true, staffId: true, order: { select: { orderNo: true, templateId: true } } },
      orderBy: [{ orderId: 'asc' }, { stepCode: 'asc' }],
      take: LISTED,
    }),
  ]);
  const listed = new Set(workOrders.map((w) => `${w.orderId}:${w.step.code}`));
  // A planned handler whose step's work order is already open (and listed) adds nothing.
  const planned = handlers.filter((h) => !listed.has(`${h.orderId}:${h.stepCode}`));
  const openSteps = planned.length === 0 ? [] : await tx.workOrder.findMany({ where: { state: { in: [...OPEN_STATES] }, orderId: { in: planned.map((h) => h.orderId) } }, select: { orderId: true, step: { select: { code: true } } } });
  const open = new Set(openSteps.map((w) => `${w.orderId}:${w.step.code}`));
  const stillPlanned = planned.filter((h) => !open.has(`${h.orderId}:${h.stepCode}`));
  const steps = stillPlanned.length === 0 ? [] : await tx.workflowStep.findMany({ where: { OR: stillPlanned.map((h) => ({ templateId: h.order.templateId, code: h.stepCode })) }, select: { templateId: true, code: true, name: true, nameEn: true } });
  const staffIds = [...new Set([...workOrders.map((w) => w.staffId), ...stillPlanned.map((h) => h.staffId)].filter((id): id is number => id !== null))];
  const staff = staffIds.length === 0 ? [] : await tx.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, staffNo: true, name: true } });
  const handlerName = (id: number | null) => {
    const person = id === null ? undefined : staff.find((s) => s.id === id);
    return person ? `${person.staffNo} ${person.name}` : null;
  };
  return [
    ...workOrders.map((w) => ({ orderNo: w.order.orderNo, workOrderNo: w.workOrderNo, stepCode: w.step.code, stepName: w.step.name, stepNameEn: w.step.nameEn, state: w.state as InFlightWork['state'], handler: handlerName(w.staffId) })),
    ...stillPlanned.map((h) => {
      const step = steps.find((s) => s.templateId === h.order.templateId && s.code === h.stepCode);
      return { orderNo: h.order.orderNo, workOrderNo: null, stepCode: h.stepCode, stepName: step?.name ?? h.stepCode, stepNameEn: step?.nameEn ?? h.stepCode, state: 'PLANNED' as const, handler: handlerName(h.staffId) };
    }),
  ].slice(0, LISTED);
}

/** A refusal that carries the in-flight work that caused it (the result lists it). */
export class InFlightRefusal extends Refusal {
  constructor(
    message: string,
    readonly work: InFlightWork[],
    field?: string,
  ) {
    super('IN_FLIGHT', message, field);
  }
}

/** "WO1 (INSTALL, PENDING), …": the work named in a refusal message. */
export function describeWork(work: InFlightWork[], max = 5): string {
  const shown = work.slice(0, max).map((w) => `${w.workOrderNo ?? `${w.orderNo} (planned)`} ${w.stepCode} ${w.state}`);
  return work.length > max ? `${shown.join(', ')} and ${work.length - max} more` : shown.join(', ');
}
