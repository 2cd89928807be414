import type { Prisma, PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { WorkOrderRecord } from '../work-orders/work-orders.types.ts';
import type { OrderLogRecord, OrderRecord } from './orders.types.ts';

const orderSelect = {
  id: true, orderNo: true, crmOrderCode: true, businessCode: true, orderType: true, state: true, acceptanceNo: true, customerName: true,
  customerPhone: true, address: true, organisationId: true, templateId: true, acceptedAt: true, completedAt: true, timeState: true, warnAt: true, dueAt: true,
} as const;

export const workOrderSelect = { id: true, workOrderNo: true, orderId: true, stepId: true, positionId: true, staffId: true, state: true, createdAt: true, completedAt: true, result: true, note: true, deferredTo: true, timeState: true, acceptDueAt: true, acceptOverdue: true, warnAt: true, dueAt: true } as const;

export const interfaceRequestSelect = { id: true, orderId: true, workOrderId: true, system: true, kind: true, state: true, attempts: true, lastError: true, createdAt: true, completedAt: true } as const;

/**
 * Orders a viewer may see: those of organisations in their scope; orders whose area CRM did not
 * name (no organisation) only for staff whose scope is a whole tree root.
 */
export function orderScope(scope: DataScope): Prisma.OrderWhereInput {
  const inScope: Prisma.OrderWhereInput = { organisation: organisationInScope(scope) };
  const rootScope = scope.orgPaths.some((path) => path.split('/').filter(Boolean).length === 1);
  return rootScope ? { OR: [inScope, { organisationId: null }] } : inScope;
}

export class OrdersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findInScope(id: number, scope: DataScope): Promise<OrderRecord | null> {
    return this.prisma.order.findFirst({ where: { AND: [{ id }, orderScope(scope)] }, select: orderSelect });
  }

  byIds(ids: readonly number[]): Promise<OrderRecord[]> {
    return this.prisma.order.findMany({ where: { id: { in: [...ids] } }, select: orderSelect });
  }

  demandOf(orderIds: readonly number[]) {
    return this.prisma.orderDemand.findMany({ where: { orderId: { in: [...orderIds] } }, select: { orderId: true, key: true, value: true, oldValue: true }, orderBy: { key: 'asc' } });
  }

  workOrdersOf(orderIds: readonly number[]): Promise<WorkOrderRecord[]> {
    return this.prisma.workOrder.findMany({ where: { orderId: { in: [...orderIds] } }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }

  workOrdersByIds(ids: readonly number[]): Promise<WorkOrderRecord[]> {
    return this.prisma.workOrder.findMany({ where: { id: { in: [...ids] } }, select: workOrderSelect });
  }

  /** Whether an order is inside the scope and, when given, below the organisation path. */
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

  logOf(orderIds: readonly number[]): Promise<(OrderLogRecord & { orderId: number })[]> {
    return this.prisma.orderLog.findMany({
      where: { orderId: { in: [...orderIds] } },
      select: { id: true, orderId: true, action: true, detail: true, workOrderId: true, createdAt: true },
      orderBy: { id: 'asc' },
    });
  }
}
