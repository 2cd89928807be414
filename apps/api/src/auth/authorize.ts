import { AppError } from '../errors/app-error.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';
import type { Action } from './permissions.ts';

/** The one authorization check services call: throws FORBIDDEN naming the missing permission. */
export function assertCan(viewer: ViewerRecord, action: Action): void {
  if (viewer.staffId === null) throw new AppError('STAFF_NOT_SELECTED', 'Pick a staff number first (selectStaff).');
  if (!viewer.permissions.has(action)) throw new AppError('FORBIDDEN', `You lack the permission "${action}".`);
}

/**
 * Menu permissions: throws FORBIDDEN unless the viewer has one of the menus (to operate when
 * `operate`, else at least to view), naming the menus that would do.
 */
export function assertMenu(viewer: ViewerRecord, menus: readonly string[], operate: boolean): void {
  const granted = operate ? menus.some((menu) => viewer.operableMenus.has(menu)) : menus.some((menu) => viewer.menus.includes(menu));
  if (granted) return;
  const which = menus.length === 1 ? `the menu "${menus[0]}"` : `one of the menus ${menus.map((menu) => `"${menu}"`).join(', ')}`;
  throw new AppError('FORBIDDEN', operate ? `Your menu permissions do not let you make changes here: this needs operate on ${which}.` : `Your menu permissions do not include ${which}.`);
}
