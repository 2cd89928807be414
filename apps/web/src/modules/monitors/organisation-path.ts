import type { OrgLevel } from '../../generated/graphql';
import type { OrganisationTreeNode } from '../organisations/flatten-organisations';

/** The organisations from a root of the visible tree down to `id` (empty when `id` is not in it). */
export function organisationPath<T extends OrganisationTreeNode>(roots: readonly T[], id: string): T[] {
  for (const root of roots) {
    if (root.id === id) return [root];
    const below = organisationPath((root.children ?? []) as readonly T[], id);
    if (below.length > 0) return [root, ...below];
  }
  return [];
}

/**
 * Whether an organisation has anything below it to break down. The tree is read four levels deep,
 * so below that (and when the tree could not be read) the level decides: grids are the smallest.
 */
export function canBreakDown(roots: readonly OrganisationTreeNode[], organisation: { id: string; level: OrgLevel }): boolean {
  const node = organisationPath(roots, organisation.id).at(-1);
  if (node?.children) return node.children.length > 0;
  return organisation.level !== 'GRID';
}
