import { AppError } from '../errors/app-error.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';
import type { Action } from './permissions.ts';

/** The one authorization check services call: throws FORBIDDEN naming the missing permission. */
export function assertCan(viewer: ViewerRecord, action: Action): void {
  if (viewer.staffId === null) throw new AppError('STAFF_NOT_SELECTED', 'Pick a staff number first (selectStaff).');
  if (!viewer.permissions.has(action)) throw new AppError('FORBIDDEN', `You lack the permission "${action}".`);
}
