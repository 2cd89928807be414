import type { MenuGroup } from '../../app/menu/menu-definition';

/** A menu entry's permission: not shown, shown read-only, or shown with its changes allowed. */
export type MenuAccess = 'none' | 'view' | 'operate';

/** The leaves' access from saved grants (group codes are implied by their leaves). */
export function accessByLeaf(menu: readonly MenuGroup[], grants: readonly { menuCode: string; operate: boolean }[]): Map<string, MenuAccess> {
  const saved = new Map(grants.map((grant) => [grant.menuCode, grant.operate]));
  const access = new Map<string, MenuAccess>();
  for (const group of menu) {
    for (const leaf of group.leaves) {
      const operate = saved.get(leaf.code);
      access.set(leaf.code, operate === undefined ? 'none' : operate ? 'operate' : 'view');
    }
  }
  return access;
}

/** The grants to save: each shown leaf (the server adds its group). */
export function grantsOf(access: ReadonlyMap<string, MenuAccess>): { menuCode: string; operate: boolean }[] {
  return [...access].filter(([, value]) => value !== 'none').map(([menuCode, value]) => ({ menuCode, operate: value === 'operate' }));
}

/** Ticking view off also takes operate away; ticking operate on also shows the menu. */
export function toggled(current: MenuAccess, column: 'view' | 'operate', checked: boolean): MenuAccess {
  if (column === 'view') return checked ? (current === 'none' ? 'view' : current) : 'none';
  return checked ? 'operate' : current === 'operate' ? 'view' : current;
}
