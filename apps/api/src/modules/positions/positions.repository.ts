import type { PositionKind, PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { PositionRecord, PositionTypeRecord } from './positions.types.ts';

export const positionSelect = { id: true, code: true, name: true, nameEn: true, organisationId: true, positionTypeId: true } as const;

export class PositionsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  typesByIds(ids: readonly number[]): Promise<PositionTypeRecord[]> {
    return this.prisma.positionType.findMany({ where: { id: { in: [...ids] } }, select: { id: true, code: true, name: true, nameEn: true, kind: true } });
  }

  byIds(ids: readonly number[]): Promise<PositionRecord[]> {
    return this.prisma.position.findMany({ where: { id: { in: [...ids] } }, select: positionSelect });
  }

  /** Positions of organisations inside the scope, optionally of one kind, by organisation then code. */
  inScope(scope: DataScope, kind: PositionKind | null): Promise<PositionRecord[]> {
    return this.prisma.position.findMany({
      where: { organisation: organisationInScope(scope), ...(kind ? { positionType: { kind } } : {}) },
      select: positionSelect,
      orderBy: [{ organisation: { path: 'asc' } }, { code: 'asc' }],
    });
  }

  /** Menu codes of each of the given position types. */
  menusOfTypes(typeIds: readonly number[]): Promise<{ positionTypeId: number; menuCode: string }[]> {
    return this.prisma.positionTypeMenu.findMany({ where: { positionTypeId: { in: [...typeIds] } }, select: { positionTypeId: true, menuCode: true }, orderBy: { menuCode: 'asc' } });
  }

  /** Positions of each of the given types, counted. */
  async positionCounts(typeIds: readonly number[]): Promise<{ id: number; count: number }[]> {
    const rows = await this.prisma.position.groupBy({ by: ['positionTypeId'], where: { positionTypeId: { in: [...typeIds] } }, _count: { _all: true } });
    return rows.map((row) => ({ id: row.positionTypeId, count: row._count._all }));
  }

  /** Holders of each of the given positions, counted. */
  async holderCounts(positionIds: readonly number[]): Promise<{ id: number; count: number }[]> {
    const rows = await this.prisma.staffPosition.groupBy({ by: ['positionId'], where: { positionId: { in: [...positionIds] } }, _count: { _all: true } });
    return rows.map((row) => ({ id: row.positionId, count: row._count._all }));
  }

  /** Positions held by each of the given staff, as (staffId, position) pairs. */
  async heldBy(staffIds: readonly number[]): Promise<{ staffId: number; position: PositionRecord }[]> {
    const rows = await this.prisma.staffPosition.findMany({
      where: { staffId: { in: [...staffIds] } },
      select: { staffId: true, position: { select: positionSelect } },
      orderBy: [{ staffId: 'asc' }, { positionId: 'asc' }],
    });
    return rows;
  }
}
