import type { BillingLevel, PositionKind } from '@openiom/db';

/** Every permission action the API checks. */
export const actions = ['staff:read', 'staff:online', 'session:force-logout', 'crm:submit', 'orders:read', 'work-orders:complete', 'interfaces:resend', 'simulators:configure', 'work-orders:dispatch', 'work-orders:unlock', 'interfaces:monitor', 'config:write', 'audit:read', 'billing:read', 'billing:operate', 'billing:operators'] as const;
export type Action = (typeof actions)[number];

/**
 * The one role → action table. A staff member's permissions are the union over the kinds of the
 * position types they hold. Billing actions come from the billing operator level instead (`billingGrants`).
 */
export const grants: Record<PositionKind, readonly Action[]> = {
  SYSTEM_ADMIN: ['staff:read', 'staff:online', 'session:force-logout', 'crm:submit', 'orders:read', 'interfaces:resend', 'simulators:configure', 'work-orders:dispatch', 'work-orders:unlock', 'interfaces:monitor', 'config:write', 'audit:read'],
  WORK_ORDER: ['orders:read', 'work-orders:complete', 'work-orders:dispatch'],
  // General positions (managers) carry menus; what those menus show is read-only (re-sending stays with admins).
  GENERAL: ['orders:read', 'interfaces:monitor'],
};

/**
 * Billing permissions come from the staff member's billing operator level (seed 001), not from
 * positions: normal users only view bills and command results, senior users run every billing
 * service, the super user also appoints operators.
 */
export const billingGrants: Record<BillingLevel, readonly Action[]> = {
  NORMAL: ['billing:read'],
  SENIOR: ['billing:read', 'billing:operate'],
  SUPER: ['billing:read', 'billing:operate', 'billing:operators'],
};

export function permissionsFor(kinds: Iterable<PositionKind>, billingLevel: BillingLevel | null = null): Set<Action> {
  const granted = new Set<Action>();
  for (const kind of kinds) for (const action of grants[kind]) granted.add(action);
  if (billingLevel) for (const action of billingGrants[billingLevel]) granted.add(action);
  return granted;
}
