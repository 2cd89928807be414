import type { Prisma, PrismaClient } from '@openiom/db';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import type { DataScope } from '../auth/auth.types.ts';
import { orderScope, workOrderSelect } from '../orders/orders.repository.ts';
import type { WorkOrderRecord } from './work-orders.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface QueueFilter {
  positionId: number | null;
  staffId: number | null;
  awaitingAssignment: boolean;
  state: WorkOrderRecord['state'] | null;
}

/** Work orders as queues and as the rows handling actions change. */
export class WorkOrdersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Keyset page of a queue, oldest first, inside the scope. */
  async page(scope: DataScope, filter: QueueFilter, first: number, after: string | null) {
    const where: Prisma.WorkOrderWhereInput[] = [{ order: orderScope(scope) }];
    if (filter.positionId !== null) where.push({ positionId: filter.positionId });
    if (filter.staffId !== null) where.push({ staffId: filter.staffId });
    if (filter.awaitingAssignment) where.push({ positionId: null, state: 'PENDING', step: { kind: { in: ['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL'] } } });
    if (filter.state) where.push({ state: filter.state });
    if (after) where.push({ id: { gt: decodeCursor(after, 'ID').id } });
    const rows = await this.prisma.workOrder.findMany({ where: { AND: where }, select: workOrderSelect, orderBy: { id: 'asc' }, take: first + 1 });
    return {
      items: rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor('ID', node.id, node.id) })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
  }

  /** Locks the work orders (FOR UPDATE) and returns those inside the scope. */
  async lockInScope(tx: Prisma.TransactionClient, ids: number[], scope: DataScope): Promise<WorkOrderRecord[]> {
    await tx.$queryRaw`SELECT id FROM work_order WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    return tx.workOrder.findMany({ where: { id: { in: ids }, order: orderScope(scope) }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }

  async holdsPosition(db: Db, staffId: number, positionId: number): Promise<boolean> {
    return (await db.staffPosition.count({ where: { staffId, positionId } })) > 0;
  }

  byIds(db: Db, ids: number[]): Promise<WorkOrderRecord[]> {
    return db.workOrder.findMany({ where: { id: { in: ids } }, select: workOrderSelect, orderBy: { id: 'asc' } });
  }
}
