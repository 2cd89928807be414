import type { Prisma } from '@openiom/db';
import type { DataScope } from './auth.types.ts';

/**
 * Data permissions at the repository level: organisations whose materialised path starts with one
 * of the scope's prefixes (the viewer's subtrees). An empty scope matches nothing.
 */
export function organisationInScope(scope: DataScope): Prisma.OrganisationWhereInput {
  if (scope.orgPaths.length === 0) return { id: -1 };
  return { OR: scope.orgPaths.map((prefix) => ({ path: { startsWith: prefix } })) };
}
