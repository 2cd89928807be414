import type { Prisma, PrismaClient } from '@openiom/db';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { likeLiteral } from '../../lib/like.ts';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { OnlineStaffRecord, StaffPage, StaffPageRequest, StaffRecord } from './staff.types.ts';

const select = { id: true, staffNo: true, name: true, phone: true, active: true, organisationId: true } as const;

/** Staff reads. Every list is scoped to the viewer's organisations (data permissions). */
export class StaffRepository {
  constructor(private readonly prisma: PrismaClient) {}

  byIds(ids: readonly number[]): Promise<StaffRecord[]> {
    return this.prisma.staff.findMany({ where: { id: { in: [...ids] } }, select });
  }

  async page(scope: DataScope, request: StaffPageRequest): Promise<StaffPage> {
    const where = this.where(scope, request);
    const column = request.sortBy === 'NAME' ? 'name' : 'staffNo';
    const direction = request.sortDirection === 'DESC' ? 'desc' : 'asc';
    const seek: Prisma.StaffWhereInput[] = [];
    if (request.after) {
      const { value, id } = decodeCursor(request.after, request.sortBy);
      const beyond = direction === 'asc' ? 'gt' : 'lt';
      seek.push({ OR: [{ [column]: { [beyond]: value } }, { [column]: value, id: { [beyond]: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      this.prisma.staff.findMany({
        where: { AND: [where, ...seek] },
        select,
        orderBy: [{ [column]: direction }, { id: direction }],
        take: request.first + 1,
      }),
      this.prisma.staff.count({ where }),
    ]);
    const hasNextPage = rows.length > request.first;
    return {
      items: rows.slice(0, request.first).map((node) => ({ node, cursor: encodeCursor(request.sortBy, node[column], node.id) })),
      hasNextPage,
      hasPreviousPage: request.after !== null,
      totalCount,
    };
  }

  /** Open sessions with a staff number inside the scope, idle for less than the limit. */
  async online(scope: DataScope, activeSince: Date): Promise<OnlineStaffRecord[]> {
    const rows = await this.prisma.session.findMany({
      where: { endedAt: null, lastSeenAt: { gte: activeSince }, staff: { organisation: organisationInScope(scope) } },
      select: { id: true, staffId: true, hostAddress: true, loginAt: true, createdAt: true, lastSeenAt: true },
      orderBy: [{ loginAt: 'desc' }, { id: 'asc' }],
      take: 2000,
    });
    return rows.map((row) => ({
      sessionId: row.id,
      staffId: row.staffId as number,
      hostAddress: row.hostAddress,
      loginAt: row.loginAt ?? row.createdAt,
      lastSeenAt: row.lastSeenAt,
    }));
  }

  async isInScope(staffId: number, scope: DataScope): Promise<boolean> {
    return (await this.prisma.staff.count({ where: { id: staffId, organisation: organisationInScope(scope) } })) > 0;
  }

  private where(scope: DataScope, request: StaffPageRequest): Prisma.StaffWhereInput {
    const and: Prisma.StaffWhereInput[] = [{ organisation: organisationInScope(scope) }];
    if (request.organisationPath) and.push({ organisation: { path: { startsWith: request.organisationPath } } });
    if (request.search) {
      and.push({ OR: [{ staffNo: { contains: likeLiteral(request.search), mode: 'insensitive' } }, { name: { contains: likeLiteral(request.search), mode: 'insensitive' } }] });
    }
    return { AND: and };
  }
}
