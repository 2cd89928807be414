import type { PositionKind, PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { PositionRecord, PositionTypeRecord } from './positions.types.ts';

const positionSelect = { id: true, code: true, name: true, nameEn: true, organisationId: true, positionTypeId: true } as const;

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
