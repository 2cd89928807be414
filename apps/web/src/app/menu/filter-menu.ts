import { MENU, type MenuGroup, type MenuLeaf } from './menu-definition';

/**
 * The part of the menu a viewer may see: a group needs its own code, a leaf needs the leaf code and,
 * when `permissions` are given, the leaf's own permission (billing level). Groups left without any
 * leaf are dropped (a heading with nothing under it helps nobody).
 */
export function filterMenu(
  menus: readonly string[],
  definition: readonly MenuGroup[] = MENU,
  permissions?: readonly string[],
): MenuGroup[] {
  const granted = new Set(menus);
  const visible: MenuGroup[] = [];
  for (const group of definition) {
    if (!granted.has(group.code)) continue;
    const leaves = group.leaves.filter((leaf) => granted.has(leaf.code) && mayOpen(leaf, permissions));
    if (leaves.length > 0) visible.push({ ...group, leaves });
  }
  return visible;
}

/** Leaves with a screen, in menu order: what the viewer can open today. */
export function openableLeaves(groups: readonly MenuGroup[]): MenuLeaf[] {
  return groups.flatMap((g) => g.leaves.filter((leaf) => leaf.path !== undefined));
}

/** Leaves the viewer is granted but whose screens are still planned. */
export function plannedLeaves(groups: readonly MenuGroup[]): MenuLeaf[] {
  return groups.flatMap((g) => g.leaves.filter((leaf) => leaf.path === undefined));
}

/** Whether the viewer's permissions (unknown: not checked) include what the leaf needs beyond its menu. */
export function mayOpen(leaf: MenuLeaf, permissions?: readonly string[]): boolean {
  return leaf.permission === undefined || permissions === undefined || permissions.includes(leaf.permission);
}
