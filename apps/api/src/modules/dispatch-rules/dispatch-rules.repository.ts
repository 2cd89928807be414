import type { Prisma, PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { DispatchRuleFilter, DispatchRuleRecord } from './dispatch-rules.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const select = { id: true, organisationId: true, workOrderTypeCode: true, positionId: true, createdAt: true } as const;

/** Dispatch rules (分派规则): the only code that reads or writes them, besides the engine's lookup. */
export class DispatchRulesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Rules of areas inside the scope, by area path then type (any type last). */
  list(scope: DataScope, filter: DispatchRuleFilter): Promise<DispatchRuleRecord[]> {
    const where: Prisma.DispatchRuleWhereInput[] = [{ organisation: organisationInScope(scope) }];
    if (filter.organisationPath !== null) where.push({ organisation: { path: { startsWith: filter.organisationPath } } });
    if (filter.workOrderTypeCode !== null) where.push({ workOrderTypeCode: filter.workOrderTypeCode });
    if (filter.positionId !== null) where.push({ positionId: filter.positionId });
    return this.prisma.dispatchRule.findMany({
      where: { AND: where },
      select,
      orderBy: [{ organisation: { path: 'asc' } }, { workOrderTypeCode: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: 2000,
    });
  }

  byId(db: Db, id: number): Promise<DispatchRuleRecord | null> {
    return db.dispatchRule.findUnique({ where: { id }, select });
  }

  /** The rule of exactly this area and type (null type: the area's rule for any type), if any. */
  sameKey(db: Db, organisationId: number, workOrderTypeCode: string | null): Promise<DispatchRuleRecord | null> {
    return db.dispatchRule.findFirst({ where: { organisationId, workOrderTypeCode }, select });
  }

  /** Rules of the organisations on an area's path (the area and every one above it) for the type or any type. */
  onPath(areaPath: string, workOrderTypeCode: string | null): Promise<DispatchRuleRecord[]> {
    const line = areaPath.split('/').filter(Boolean).map(Number);
    return this.prisma.dispatchRule.findMany({
      where: { organisationId: { in: line }, OR: [{ workOrderTypeCode: null }, ...(workOrderTypeCode === null ? [] : [{ workOrderTypeCode }])] },
      select,
    });
  }

  create(db: Db, data: { organisationId: number; workOrderTypeCode: string | null; positionId: number }): Promise<DispatchRuleRecord> {
    return db.dispatchRule.create({ data, select });
  }

  update(db: Db, id: number, data: { organisationId: number; workOrderTypeCode: string | null; positionId: number }): Promise<DispatchRuleRecord> {
    return db.dispatchRule.update({ where: { id }, data, select });
  }

  async delete(db: Db, id: number): Promise<void> {
    await db.dispatchRule.delete({ where: { id } });
  }
}
