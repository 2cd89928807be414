import type { MenuGroup } from '../../app/menu/menu-definition';

/**
 * The menu codes a position type grants for the leaves ticked: each ticked leaf and its group (the
 * group's code opens the group in the navigation), in menu order. Groups without a ticked leaf are
 * left out.
 */
export function grantedMenus(menu: readonly MenuGroup[], leaves: ReadonlySet<string>): string[] {
  const codes: string[] = [];
  for (const group of menu) {
    const ticked = group.leaves.filter((leaf) => leaves.has(leaf.code));
    if (ticked.length > 0) codes.push(group.code, ...ticked.map((leaf) => leaf.code));
  }
  return codes;
}

/** The leaves of a type's granted menu codes (group codes are implied by their leaves). */
export function tickedLeaves(menu: readonly MenuGroup[], granted: readonly string[]): Set<string> {
  const codes = new Set(granted);
  return new Set(menu.flatMap((group) => group.leaves.filter((leaf) => codes.has(leaf.code)).map((leaf) => leaf.code)));
}
