import type { PositionKind } from '@openiom/db';

/** Every permission action the API checks. */
export const actions = ['staff:read', 'staff:online', 'session:force-logout', 'crm:submit', 'orders:read', 'work-orders:complete', 'interfaces:resend', 'simulators:configure', 'work-orders:dispatch', 'work-orders:unlock', 'interfaces:monitor', 'config:write', 'audit:read'] as const;
export type Action = (typeof actions)[number];

/**
 * The one role → action table. A staff member's permissions are the union over the kinds of the
 * position types they hold. Work-order, monitoring and billing actions join as those modules land.
 */
export const grants: Record<PositionKind, readonly Action[]> = {
  SYSTEM_ADMIN: ['staff:read', 'staff:online', 'session:force-logout', 'crm:submit', 'orders:read', 'interfaces:resend', 'simulators:configure', 'work-orders:dispatch', 'work-orders:unlock', 'interfaces:monitor', 'config:write', 'audit:read'],
  WORK_ORDER: ['orders:read', 'work-orders:complete', 'work-orders:dispatch'],
  // General positions (managers) carry menus; what those menus show is read-only (re-sending stays with admins).
  GENERAL: ['orders:read', 'interfaces:monitor'],
};

export function permissionsFor(kinds: Iterable<PositionKind>): Set<Action> {
  const granted = new Set<Action>();
  for (const kind of kinds) for (const action of grants[kind]) granted.add(action);
  return granted;
}
