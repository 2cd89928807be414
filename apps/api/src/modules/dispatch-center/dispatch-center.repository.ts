import type { Prisma, PrismaClient } from '@openiom/db';
import { toConnection } from '../../lib/connection.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { likeLiteral } from '../../lib/like.ts';
import type { DataScope } from '../auth/auth.types.ts';
import { orderScope, workOrderSelect } from '../orders/orders.repository.ts';
import type { WorkOrderConnectionRecord } from '../work-orders/work-orders.types.ts';
import type { DispatchTeamRecord } from './dispatch-center.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const teamSelect = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  organisationId: true,
  positionId: true,
  members: { where: { staff: { active: true } }, orderBy: [{ leader: 'desc' }, { staff: { staffNo: 'asc' } }], select: { staffId: true, leader: true } },
} satisfies Prisma.TeamSelect;

/** The dispatch center's reads: its to-do and the teams covering an area. */
export class DispatchCenterRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * A keyset page (oldest first) of the dispatch-center work orders pending at the staff member's
   * positions or locked to them, inside the scope, optionally under an area path and matching a search.
   */
  async todo(scope: DataScope, staffId: number, filter: { areaPath: string | null; search: string | null }, first: number, after: string | null): Promise<WorkOrderConnectionRecord> {
    const positions = (await this.prisma.staffWorkOrderPosition.findMany({ where: { staffId }, select: { positionId: true } })).map((row) => row.positionId);
    const order: Prisma.OrderWhereInput[] = [orderScope(scope)];
    if (filter.areaPath !== null) order.push({ organisation: { path: { startsWith: filter.areaPath } } });
    if (filter.search !== null) {
      const text = { contains: likeLiteral(filter.search), mode: 'insensitive' as const };
      order.push({ OR: [{ customerName: text }, { customerPhone: text }, { address: text }, { orderNo: text }] });
    }
    const where: Prisma.WorkOrderWhereInput[] = [
      { step: { kind: 'DISPATCH_CENTER' } },
      { OR: [{ state: 'PENDING', staffId: null, positionId: { in: positions } }, { state: 'IN_PROGRESS', staffId }] },
      { order: { AND: order } },
    ];
    const seek: Prisma.WorkOrderWhereInput[] = after ? [{ id: { gt: decodeCursor(after, 'ID').id } }] : [];
    const rows = await this.prisma.workOrder.findMany({ where: { AND: [...where, ...seek] }, select: workOrderSelect, orderBy: { id: 'asc' }, take: first + 1 });
    const page = {
      items: rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor('ID', node.id, node.id) })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
    return toConnection(page, (limit) => this.prisma.workOrder.count({ where: { AND: where }, take: limit }));
  }

  /**
   * Active teams covering an area (a materialised path): those of the area's organisation or an
   * organisation above it, nearest first. An order without an area is covered by none.
   */
  async teamsCovering(db: Db, areaPath: string | null): Promise<DispatchTeamRecord[]> {
    if (areaPath === null) return [];
    const line = areaPath.split('/').filter(Boolean).map(Number);
    const teams = await db.team.findMany({ where: { active: true, organisationId: { in: line } }, select: teamSelect, orderBy: { code: 'asc' } });
    const depth = (team: DispatchTeamRecord) => line.indexOf(team.organisationId);
    return teams.sort((a, b) => depth(b) - depth(a));
  }

  team(db: Db, id: number): Promise<DispatchTeamRecord | null> {
    return db.team.findUnique({ where: { id }, select: teamSelect });
  }
}
