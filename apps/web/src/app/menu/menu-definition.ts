/**
 * The navigation tree, in the seed's structure. Menu codes are what position types grant
 * (`viewer.menus`); a leaf without `path` has no screen yet and is shown as planned.
 */
export interface MenuLeaf {
  code: string;
  /** i18n key of the label. */
  labelKey: string;
  /** Route of the screen; absent while the screen is planned. */
  path?: string;
  /**
   * A permission the screen also needs, beyond the menu (billing screens: the billing operator level
   * gives `billing:read` or `billing:operate`). Without it the leaf is hidden and the route refused.
   */
  permission?: string;
}

export interface MenuGroup {
  code: string;
  labelKey: string;
  leaves: readonly MenuLeaf[];
}

function group(code: string, leaves: ReadonlyArray<[leaf: string, path?: string, permission?: string]>): MenuGroup {
  return {
    code,
    labelKey: `menu.${code}.title`,
    leaves: leaves.map(([leaf, path, permission]) => ({
      code: `${code}.${leaf}`,
      labelKey: `menu.${code}.${leaf}`,
      ...(path ? { path } : {}),
      ...(permission ? { permission } : {}),
    })),
  };
}

export const MENU: readonly MenuGroup[] = [
  group('help', [['about', '/help']]),
  group('system', [
    ['staff', '/system/staff'],
    ['online-staff', '/system/online-staff'],
    ['position-types', '/system/position-types'],
    ['positions', '/system/positions'],
    ['audit', '/system/audit'],
  ]),
  group('config', [
    ['cache', '/config/cache'],
    ['attributes', '/config/attributes'],
    ['business-workflows', '/config/business-workflows'],
    ['iom-workflows', '/config/iom-workflows'],
    ['work-order-types', '/config/work-order-types'],
    ['exception-flows', '/config/exception-flows'],
    ['workflows', '/config/workflows'],
    ['calendar', '/config/calendar'],
    ['time-limits', '/config/time-limits'],
    ['dispatch-rules', '/config/dispatch-rules'],
  ]),
  group('work-orders', [
    ['by-position', '/work-orders/by-position'],
    ['by-staff', '/work-orders/by-staff'],
    ['manual-assignment', '/work-orders/manual-assignment'],
    ['manual-exception', '/work-orders/manual-exception'],
  ]),
  group('monitoring', [
    ['pre-alarm', '/monitoring/pre-alarm'],
    ['interfaces', '/monitoring/interfaces'],
    ['dashboard', '/dashboard'],
  ]),
  group('queries', [['orders', '/queries/orders'], ['work-orders', '/queries/work-orders'], ['daily-report', '/queries/daily-report']]),
  // Billing screens also need the billing operator level: normal users only view bills and command results.
  group('billing', [
    ['formats', '/billing/formats', 'billing:operate'],
    ['imports', '/billing/imports', 'billing:operate'],
    ['bills', '/billing/bills', 'billing:read'],
    ['arrears', '/billing/arrears', 'billing:read'],
    ['call-permissions', '/billing/call-permissions', 'billing:read'],
    ['prepaid', '/billing/prepaid', 'billing:operate'],
    ['dunning', '/billing/dunning', 'billing:operate'],
    ['operators', '/billing/operators', 'billing:read'],
  ]),
  group('dispatch', [['todo', '/dispatch/todo'], ['supervision'], ['map', '/dispatch/map'], ['statistics'], ['teams', '/dispatch/teams']]),
];

/** The leaf a route belongs to, for the permission guard and the page title. */
export function findLeafByCode(code: string, menu: readonly MenuGroup[] = MENU): MenuLeaf | undefined {
  for (const g of menu) {
    const leaf = g.leaves.find((l) => l.code === code);
    if (leaf) return leaf;
  }
  return undefined;
}
