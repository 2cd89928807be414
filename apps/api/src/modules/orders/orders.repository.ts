import { Prisma, prepared, rawQuery, type PrismaClient } from '@openiom/db';
import type { OrderDueTimes } from '../time-limits/time-limits.types.ts';
import { countAhead, toConnection } from '../../lib/connection.ts';
import { keyset, type SortColumn, type SortDirection } from '../../lib/keyset.ts';
import { likeLiteral } from '../../lib/like.ts';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { WorkOrderRecord } from '../work-orders/work-orders.types.ts';
import { changeOrCancelTypes, type OrderCriteria, type OrderSortField } from './order-query.ts';
import type { OrderConnectionRecord, OrderLogRecord, OrderRecord } from './orders.types.ts';

const orderSelect = {
  id: true, orderNo: true, crmOrderCode: true, businessCode: true, orderType: true, state: true, acceptanceNo: true, customerName: true,
  customerPhone: true, address: true, organisationId: true, templateId: true, productCode: true, broadbandAccount: true, acceptedAt: true,
  completedAt: true, cancelledAt: true, rejectedAt: true, rejectReason: true, timeState: true, warnAt: true, dueAt: true,
  appointmentAt: true,
} as const;

export const workOrderSelect = { id: true, workOrderNo: true, orderId: true, stepId: true, positionId: true, staffId: true, state: true, createdAt: true, completedAt: true, result: true, note: true, deferredTo: true, timeState: true, acceptDueAt: true, acceptOverdue: true, warnAt: true, dueAt: true } as const;

export const interfaceRequestSelect = { id: true, orderId: true, workOrderId: true, system: true, kind: true, state: true, attempts: true, lastError: true, createdAt: true, completedAt: true } as const;

/**
 * Orders a viewer may see: those of organisations in their scope; orders whose area CRM did not
 * name (no organisation) only for staff whose scope is a whole tree root.
 */
export function orderScope(scope: DataScope): Prisma.OrderWhereInput {
  const inScope: Prisma.OrderWhereInput = { organisation: organisationInScope(scope) };
  return seesOrdersWithoutArea(scope) ? { OR: [inScope, { organisationId: null }] } : inScope;
}

/** Whether the scope is a whole tree root, which also sees the orders without an area. */
export function seesOrdersWithoutArea(scope: DataScope): boolean {
  return scope.orgPaths.some((path) => path.split('/').filter(Boolean).length === 1);
}

/** `orderScope` as a SQL condition on the orders aliased `alias`, for hand-written aggregates. */
export function orderScopeSql(scope: DataScope, alias: string): Prisma.Sql {
  if (scope.orgPaths.length === 0) return Prisma.sql`false`;
  const order = Prisma.raw(alias);
  const prefixes = scope.orgPaths.map((path) => `${likeLiteral(path)}%`);
  const inScope = Prisma.sql`${order}.organisation_id IN (SELECT id FROM organisation WHERE path LIKE ANY(${prefixes}::text[]))`;
  const rootScope = scope.orgPaths.some((path) => path.split('/').filter(Boolean).length === 1);
  return rootScope ? Prisma.sql`(${inScope} OR ${order}.organisation_id IS NULL)` : inScope;
}

/** The order query's conditions as Prisma conditions (all must hold). */
export function orderCriteriaWhere(c: OrderCriteria | null): Prisma.OrderWhereInput[] {
  if (!c) return [];
  const where: Prisma.OrderWhereInput[] = [];
  if (c.organisationPath !== null) where.push({ organisation: { path: { startsWith: c.organisationPath } } });
  if (c.acceptanceNo !== null) where.push({ acceptanceNo: c.acceptanceNo });
  if (c.orderNo !== null) where.push({ orderNo: c.orderNo });
  if (c.customerName !== null) where.push({ customerName: { contains: likeLiteral(c.customerName), mode: 'insensitive' } });
  if (c.customerPhone !== null) where.push({ customerPhone: c.customerPhone });
  if (c.broadbandAccount !== null) where.push({ broadbandAccount: c.broadbandAccount });
  if (c.address !== null) where.push({ address: { contains: likeLiteral(c.address), mode: 'insensitive' } });
  if (c.state !== null) where.push({ state: c.state });
  if (c.productCode !== null) where.push({ productCode: c.productCode });
  if (c.orderType !== null) where.push({ orderType: c.orderType });
  if (c.changedOrCancelled === true) where.push({ OR: [{ orderType: { in: changeOrCancelTypes } }, { cancelledAt: { not: null } }] });
  if (c.changedOrCancelled === false) where.push({ orderType: { notIn: changeOrCancelTypes }, cancelledAt: null });
  if (c.timeState !== null) where.push({ timeState: c.timeState });
  if (c.acceptedAt?.from) where.push({ acceptedAt: { gte: c.acceptedAt.from } });
  if (c.acceptedAt?.to) where.push({ acceptedAt: { lt: c.acceptedAt.to } });
  return where;
}

const orderSortColumns: Record<OrderSortField, SortColumn<OrderRecord>> = {
  ACCEPTED_AT: { field: 'acceptedAt', type: 'date' },
  ORDER_NO: { field: 'orderNo', type: 'text' },
};

type Tx = Prisma.TransactionClient;

/** What turning a CRM order into an order needs to know before it writes anything. */
export interface OrderIntake {
  /** The order already made from this CRM order code (a re-sent message), or null. */
  existingOrderId: number | null;
  /** The newest active version of the template the business code runs; null for an unknown code. */
  template: { id: number; code: string; version: number } | null;
  /** The organisation of the area code, or null (none given, or unknown). */
  organisationId: number | null;
}

/** An order from CRM as it is first written. */
export interface NewOrder {
  crmOrderCode: string;
  businessCode: string;
  orderType: string;
  templateId: number;
  acceptanceNo: string | null;
  customerName: string;
  customerPhone: string | null;
  address: string;
  broadbandAccount: string | null;
  productCode: string | null;
  organisationId: number | null;
  /** Its place on the map (CRM's or the geocoder's), when known. */
  latitude: number | null;
  longitude: number | null;
  acceptedAt: Date;
  due: OrderDueTimes;
  /** Its demand (order parameters), key → value. */
  demand: Record<string, string>;
  /** Its first log line (CREATE_ORDER). */
  logDetail: string;
  now: Date;
}

/** The statements of order intake; the benchmark's raw-`pg` baseline issues these same statements. */
export const orderIntakeSql = {
  lookups: (crmOrderCode: string, businessCode: string, areaCode: string | null) => prepared(Prisma.sql`
    SELECT (SELECT id FROM "order" WHERE crm_order_code = ${crmOrderCode}) AS "existingOrderId",
           (SELECT id FROM organisation WHERE code = ${areaCode}) AS "organisationId",
           t.id AS "templateId", t.code AS "templateCode", t.version AS "templateVersion"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT t.id, t.code, t.version
      FROM business_workflow b
        JOIN iom_workflow w ON w.code = b.iom_workflow_code
        JOIN workflow_template t ON t.code = w.template_code AND t.active
      WHERE b.business_code = ${businessCode}
      ORDER BY t.version DESC LIMIT 1
    ) AS t ON true`),

  /** The order number is `O` and the order's id in 10 digits, so the id is taken from its sequence first. */
  insertOrder: (order: NewOrder) => prepared(Prisma.sql`
    WITH next AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('"order"', 'id'))::int AS id),
    created AS (
      INSERT INTO "order" (id, order_no, crm_order_code, business_code, order_type, template_id, acceptance_no, customer_name, customer_phone,
                           address, broadband_account, product_code, organisation_id, latitude, longitude, accepted_at, created_at, warn_at, due_at, next_alarm_at)
      VALUES ((SELECT id FROM next), (SELECT 'O' || lpad(id::text, 10, '0') FROM next), ${order.crmOrderCode}, ${order.businessCode}, ${order.orderType},
              ${order.templateId}, ${order.acceptanceNo}, ${order.customerName}, ${order.customerPhone}, ${order.address}, ${order.broadbandAccount},
              ${order.productCode}, ${order.organisationId}, ${order.latitude}::float8, ${order.longitude}::float8, ${order.acceptedAt}, ${order.now}, ${order.due.warnAt}, ${order.due.dueAt}, ${order.due.nextAlarmAt})
      RETURNING id, order_no
    ), demand AS (
      INSERT INTO order_demand (order_id, key, value, updated_at)
      SELECT created.id, d.key, d.value, ${order.now}::timestamp(3)
      FROM created, unnest(${Object.keys(order.demand)}::text[], ${Object.values(order.demand)}::text[]) AS d (key, value)
    ), logged AS (
      INSERT INTO order_log (order_id, action, detail, created_at)
      SELECT id, 'CREATE_ORDER', ${order.logDetail}, ${order.now}::timestamp(3) FROM created
    )
    SELECT id, order_no AS "orderNo" FROM created`),
};

export class OrdersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async intake(tx: Tx, crmOrderCode: string, businessCode: string, areaCode: string | null): Promise<OrderIntake> {
    const [row] = await rawQuery<{ existingOrderId: number | null; organisationId: number | null; templateId: number | null; templateCode: string; templateVersion: number }>(
      tx,
      orderIntakeSql.lookups(crmOrderCode, businessCode, areaCode),
    );
    return {
      existingOrderId: row.existingOrderId,
      template: row.templateId === null ? null : { id: row.templateId, code: row.templateCode, version: row.templateVersion },
      organisationId: row.organisationId,
    };
  }

  /** Writes an order from CRM with its demand and its first log line; returns its id and number. */
  async insertOrder(tx: Tx, order: NewOrder): Promise<{ id: number; orderNo: string }> {
    const [row] = await rawQuery<{ id: number; orderNo: string }>(tx, orderIntakeSql.insertOrder(order));
    return row;
  }


  findInScope(id: number, scope: DataScope): Promise<OrderRecord | null> {
    return this.prisma.order.findFirst({ where: { AND: [{ id }, orderScope(scope)] }, select: orderSelect });
  }

  /** Keyset page of the order query inside the scope; the count runs only when asked for (`withCount`: alongside the page). */
  async page(scope: DataScope, criteria: OrderCriteria | null, sortBy: OrderSortField, direction: SortDirection, first: number, after: string | null, withCount = false): Promise<OrderConnectionRecord> {
    const where: Prisma.OrderWhereInput = { AND: [orderScope(scope), ...orderCriteriaWhere(criteria)] };
    const keys = keyset('orders', sortBy, orderSortColumns[sortBy], direction);
    const countUpTo = (limit: number) => this.prisma.order.count({ where, take: limit });
    const counting = withCount ? countAhead(countUpTo) : undefined;
    const rows = await this.prisma.order.findMany({
      where: { AND: [where, ...(keys.after(after) as Prisma.OrderWhereInput[])] },
      select: orderSelect,
      orderBy: keys.orderBy as Prisma.OrderOrderByWithRelationInput[],
      take: first + 1,
    });
    return toConnection(keys.page(rows, first, after), countUpTo, counting);
  }

  byIds(ids: readonly number[]): Promise<OrderRecord[]> {
    return this.prisma.order.findMany({ where: { id: { in: [...ids] } }, select: orderSelect });
  }

  demandOf(orderIds: readonly number[]) {
    return this.prisma.orderDemand.findMany({ where: { orderId: { in: [...orderIds] } }, select: { orderId: true, key: true, value: true, oldValue: true, updatedAt: true }, orderBy: { key: 'asc' } });
  }

  workOrdersOf(orderIds: readonly number[]): Promise<WorkOrderRecord[]> {
    return this.prisma.workOrder.findMany({ where: { orderId: { in: [...orderIds] } }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }

  workOrdersByIds(ids: readonly number[]): Promise<WorkOrderRecord[]> {
    return this.prisma.workOrder.findMany({ where: { id: { in: [...ids] } }, select: workOrderSelect });
  }

  /** Whether an order is inside the scope and, when given, below the organisation path. */
  /** Which of the orders the scope sees (and, with `underPath`, lie in that subtree), in one query. */
  async visibleOrderIds(orderIds: readonly number[], scope: DataScope, underPath: string | null): Promise<Set<number>> {
    const where: Prisma.OrderWhereInput[] = [{ id: { in: [...orderIds] } }, orderScope(scope)];
    if (underPath) where.push({ organisation: { path: { startsWith: underPath } } });
    return new Set((await this.prisma.order.findMany({ where: { AND: where }, select: { id: true } })).map((row) => row.id));
  }

  async isVisible(orderId: number, scope: DataScope, underPath: string | null): Promise<boolean> {
    const where: Prisma.OrderWhereInput[] = [{ id: orderId }, orderScope(scope)];
    if (underPath) where.push({ organisation: { path: { startsWith: underPath } } });
    return (await this.prisma.order.count({ where: { AND: where } })) > 0;
  }

  interfaceRequestsOf(orderIds: readonly number[]) {
    return this.prisma.interfaceRequest.findMany({
      where: { orderId: { in: [...orderIds] } },
      select: interfaceRequestSelect,
      orderBy: { id: 'asc' },
    });
  }

  /** Successful resource-system answers of the orders, oldest first (what set each resource). */
  resourceAnswersOf(orderIds: readonly number[]) {
    return this.prisma.interfaceRequest.findMany({
      where: { orderId: { in: [...orderIds] }, system: 'RESOURCE', state: 'SUCCEEDED' },
      select: { id: true, orderId: true, kind: true, response: true },
      orderBy: { id: 'asc' },
    });
  }

  logOf(orderIds: readonly number[]): Promise<(OrderLogRecord & { orderId: number })[]> {
    return this.prisma.orderLog.findMany({
      where: { orderId: { in: [...orderIds] } },
      select: { id: true, orderId: true, action: true, detail: true, workOrderId: true, createdAt: true },
      orderBy: { id: 'asc' },
    });
  }
}
