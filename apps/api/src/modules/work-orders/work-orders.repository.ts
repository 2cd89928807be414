import type { Prisma, PrismaClient } from '@openiom/db';
import { countAhead, toConnection } from '../../lib/connection.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { keyset, type SortColumn, type SortDirection } from '../../lib/keyset.ts';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { PositionRecord } from '../positions/positions.types.ts';
import type { StaffRecord } from '../staff/staff.types.ts';
import { likeLiteral } from '../../lib/like.ts';
import { orderCriteriaWhere, orderScope, seesOrdersWithoutArea, workOrderSelect } from '../orders/orders.repository.ts';
import type { WorkOrderConnectionRecord, WorkOrderCriteria, WorkOrderRecord, WorkOrderSortField } from './work-orders.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface QueueFilter {
  positionId: number | null;
  staffId: number | null;
  awaitingAssignment: boolean;
  anyPosition: boolean;
  state: WorkOrderRecord['state'] | null;
}

/** Work-order states that are still open: waiting, being handled or parked. */
const openStates: WorkOrderRecord['state'][] = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'];

const workOrderSortColumns: Record<WorkOrderSortField, SortColumn<WorkOrderRecord>> = {
  CREATED_AT: { field: 'createdAt', type: 'date' },
  WORK_ORDER_NO: { field: 'workOrderNo', type: 'text' },
};

/** The work-order query's own conditions (those on the order go through `orderCriteriaWhere`). */
function workOrderCriteriaWhere(c: WorkOrderCriteria | null): Prisma.WorkOrderWhereInput[] {
  if (!c) return [];
  const where: Prisma.WorkOrderWhereInput[] = [];
  if (c.workOrderNo !== null) where.push({ workOrderNo: c.workOrderNo });
  if (c.positionId !== null) where.push({ positionId: c.positionId });
  if (c.typeCode !== null) where.push({ step: { workOrderTypeCode: c.typeCode } });
  if (c.categoryCode !== null) where.push({ step: { workOrderType: { categoryCode: c.categoryCode } } });
  const pendingInstall: Prisma.WorkOrderWhereInput = { state: { in: openStates }, step: { kind: 'FIELD_WORK' } };
  if (c.pendingInstall === true) where.push(pendingInstall);
  if (c.pendingInstall === false) where.push({ NOT: pendingInstall });
  if (c.open === true) where.push({ state: { in: openStates } });
  if (c.open === false) where.push({ state: { notIn: openStates } });
  if (c.state !== null) where.push({ state: c.state });
  if (c.timeState !== null) where.push({ timeState: c.timeState });
  if (c.acceptOverdue !== null) where.push({ acceptOverdue: c.acceptOverdue });
  if (c.createdAt?.from) where.push({ createdAt: { gte: c.createdAt.from } });
  if (c.createdAt?.to) where.push({ createdAt: { lt: c.createdAt.to } });
  return where;
}

/**
 * Positions serving an area (an organisation's materialised path, `/1/5/12/`): those of the area's
 * organisation, of an organisation above it or below it. An order without an area is served by none.
 */
export function positionsServing(areaPath: string | null): Prisma.PositionWhereInput {
  if (areaPath === null) return { id: -1 };
  const line = areaPath.split('/').filter(Boolean).map(Number);
  return { organisation: { OR: [{ id: { in: line } }, { path: { startsWith: areaPath } }] } };
}

const positionSelect = { id: true, code: true, name: true, nameEn: true, organisationId: true, positionTypeId: true } as const;

/** Work orders as queues, as the work-order query, and as the rows handling actions change. */
export class WorkOrdersRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** Ids of the organisations in a scope (under a path); cached by OrganisationsService. */
    private readonly organisationIds: (scope: DataScope, path: string | null) => Promise<number[]>,
  ) {}

  /** Keyset page of a queue, oldest first, inside the scope. */
  async page(scope: DataScope, filter: QueueFilter, first: number, after: string | null): Promise<WorkOrderConnectionRecord> {
    const where: Prisma.WorkOrderWhereInput[] = [{ order: orderScope(scope) }];
    if (filter.positionId !== null) where.push({ positionId: filter.positionId });
    else if (filter.anyPosition) where.push({ positionId: { not: null } });
    if (filter.staffId !== null) where.push({ staffId: filter.staffId });
    if (filter.awaitingAssignment) where.push({ positionId: null, state: 'PENDING', step: { kind: { in: ['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL'] } } });
    // A queue is a to-do list: without a state, what is still to be done (parked manual exceptions
    // have their own queue).
    where.push({ state: filter.state ?? { in: ['PENDING', 'IN_PROGRESS'] } });
    const seek: Prisma.WorkOrderWhereInput[] = after ? [{ id: { gt: decodeCursor(after, 'ID').id } }] : [];
    const rows = await this.prisma.workOrder.findMany({ where: { AND: [...where, ...seek] }, select: workOrderSelect, orderBy: { id: 'asc' }, take: first + 1 });
    const page = {
      items: rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor('ID', node.id, node.id) })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
    return toConnection(page, (limit) => this.prisma.workOrder.count({ where: { AND: where }, take: limit }));
  }

  /** Keyset page of the work-order query inside the scope; the count runs only when asked for. */
  async query(scope: DataScope, criteria: WorkOrderCriteria | null, sortBy: WorkOrderSortField, direction: SortDirection, first: number, after: string | null, withCount = false): Promise<WorkOrderConnectionRecord> {
    const orderCriteria = criteria?.order ?? null;
    const where: Prisma.WorkOrderWhereInput = {
      AND: [
        { order: { AND: [await this.organisationsWhere(scope, orderCriteria?.organisationPath ?? null), ...orderCriteriaWhere(orderCriteria && { ...orderCriteria, organisationPath: null })] } },
        ...workOrderCriteriaWhere(criteria),
      ],
    };
    const keys = keyset('work-orders', sortBy, workOrderSortColumns[sortBy], direction);
    // Counted in order of the order id: PostgreSQL then merges the orders in scope with their work
    // orders and stops at the limit (~15 ms for 10 000 of 10⁶); Prisma's default for `take`, the
    // work-order id, made it read and sort every work order in scope first (~0.1–0.2 s).
    const countUpTo = (limit: number) => this.prisma.workOrder.count({ where, take: limit, orderBy: { orderId: 'asc' } });
    const counting = withCount ? countAhead(countUpTo) : undefined;
    const rows = await this.prisma.workOrder.findMany({
      where: { AND: [where, ...(keys.after(after) as Prisma.WorkOrderWhereInput[])] },
      select: workOrderSelect,
      orderBy: keys.orderBy as Prisma.WorkOrderOrderByWithRelationInput[],
      take: first + 1,
    });
    return toConnection(keys.page(rows, first, after), countUpTo, counting);
  }

  /**
   * The scope (and the organisation condition, if any) as the ids of its organisations, read first
   * from the small organisation table: the planner estimates `organisation_id IN (…)` from the
   * order table's statistics, where a join on `path LIKE '/1/2/3/%'` left it guessing — it took
   * a large district or grid for a few rows and sorted all of their work orders (~0.2–0.4 s at
   * 10⁶ work orders) instead of walking the (created_at, id) index.
   */
  private async organisationsWhere(scope: DataScope, organisationPath: string | null): Promise<Prisma.OrderWhereInput> {
    const byId: Prisma.OrderWhereInput = { organisationId: { in: await this.organisationIds(scope, organisationPath) } };
    return organisationPath === null && seesOrdersWithoutArea(scope) ? { OR: [byId, { organisationId: null }] } : byId;
  }

  /**
   * Locks the work orders (FOR UPDATE) and returns those inside the scope. Their orders are locked
   * first, as the engine's transitions lock them (the same order everywhere: no deadlock).
   */
  async lockInScope(tx: Prisma.TransactionClient, ids: number[], scope: DataScope): Promise<WorkOrderRecord[]> {
    await tx.$queryRaw`SELECT id FROM "order" WHERE id IN (SELECT order_id FROM work_order WHERE id = ANY(${ids})) ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM work_order WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    return tx.workOrder.findMany({ where: { id: { in: ids }, order: orderScope(scope) }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }

  /** Area paths of the orders of work orders inside the scope, by work-order id (null: no area). */
  async areaPaths(db: Db, ids: number[], scope: DataScope): Promise<Map<number, string | null>> {
    const rows = await db.workOrder.findMany({ where: { id: { in: ids }, order: orderScope(scope) }, select: { id: true, order: { select: { organisation: { select: { path: true } } } } } });
    return new Map(rows.map((row) => [row.id, row.order.organisation?.path ?? null]));
  }

  /** Work-order handling positions inside the scope serving every one of the areas (see `positionsServing`). */
  handlingPositions(db: Db, scope: DataScope, areaPaths: (string | null)[], search: string | null, first: number): Promise<PositionRecord[]> {
    const text = search === null ? [] : [{ OR: (['code', 'name', 'nameEn'] as const).map((field) => ({ [field]: { contains: likeLiteral(search), mode: 'insensitive' as const } })) }];
    return db.position.findMany({
      where: { AND: [{ positionType: { kind: 'WORK_ORDER' }, organisation: organisationInScope(scope) }, ...areaPaths.map(positionsServing), ...text] },
      select: positionSelect,
      orderBy: { code: 'asc' },
      take: first,
    });
  }

  /** Active staff with work-order permission on the position (who may handle its work orders), by staff number. */
  positionHolders(db: Db, positionId: number, search: string | null, first: number): Promise<StaffRecord[]> {
    const text = search === null ? [] : [{ OR: (['staffNo', 'name'] as const).map((field) => ({ [field]: { contains: likeLiteral(search), mode: 'insensitive' as const } })) }];
    return db.staff.findMany({
      where: { AND: [{ active: true, workOrderPositions: { some: { positionId } } }, ...text] },
      select: { id: true, staffNo: true, name: true, phone: true, active: true, organisationId: true },
      orderBy: { staffNo: 'asc' },
      take: first,
    });
  }

  /** Work-order permissions: may the staff member handle work orders queued at the position? */
  /** Whether the work order's arrival (ARRIVE) is logged: looked up in its order's log (indexed by order). */
  async arrived(db: Db, workOrder: { id: number; orderId: number }): Promise<boolean> {
    return (await db.orderLog.count({ where: { orderId: workOrder.orderId, workOrderId: workOrder.id, action: 'ARRIVE' } })) > 0;
  }

  async mayHandle(db: Db, staffId: number, positionId: number): Promise<boolean> {
    return (await db.staffWorkOrderPosition.count({ where: { staffId, positionId } })) > 0;
  }

  byIds(db: Db, ids: number[]): Promise<WorkOrderRecord[]> {
    return db.workOrder.findMany({ where: { id: { in: ids } }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }
}
