import type { PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { OrganisationRecord } from './organisations.types.ts';

const select = { id: true, code: true, name: true, nameEn: true, level: true, parentId: true, path: true, sortOrder: true } as const;

/** Organisation tree reads; scoping by materialised path prefix. */
export class OrganisationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  byIds(ids: readonly number[]): Promise<OrganisationRecord[]> {
    return this.prisma.organisation.findMany({ where: { id: { in: [...ids] } }, select });
  }

  childrenOf(parentIds: readonly number[]): Promise<OrganisationRecord[]> {
    return this.prisma.organisation.findMany({ where: { parentId: { in: [...parentIds] } }, select, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  }

  /** The top-most organisations inside the scope (the roots of what a viewer may see). */
  async scopeRoots(scope: DataScope): Promise<OrganisationRecord[]> {
    if (scope.orgPaths.length === 0) return [];
    return this.prisma.organisation.findMany({ where: { path: { in: scope.orgPaths } }, select, orderBy: { sortOrder: 'asc' } });
  }

  /** Ids of the organisations inside the scope, and under `path` when given. */
  async idsInScope(scope: DataScope, path: string | null): Promise<number[]> {
    const rows = await this.prisma.organisation.findMany({
      where: { AND: [organisationInScope(scope), ...(path === null ? [] : [{ path: { startsWith: path } }])] },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => row.id);
  }

  findInScope(id: number, scope: DataScope): Promise<OrganisationRecord | null> {
    return this.prisma.organisation.findFirst({ where: { AND: [{ id }, organisationInScope(scope)] }, select });
  }
}
