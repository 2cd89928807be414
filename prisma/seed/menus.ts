/**
 * The SPA's menu tree (the seed's structure). Codes are shared with apps/web, which holds the labels
 * in both languages; `route` is null for screens still planned.
 */
export const menuTree: { code: string; route: string | null; children: { code: string; route: string | null }[] }[] = [
  { code: 'help', route: null, children: [{ code: 'help.about', route: '/help' }] },
  {
    code: 'system',
    route: null,
    children: [
      { code: 'system.staff', route: '/system/staff' },
      { code: 'system.online-staff', route: '/system/online-staff' },
      { code: 'system.position-types', route: '/system/position-types' },
      { code: 'system.positions', route: '/system/positions' },
      { code: 'system.audit', route: '/system/audit' },
    ],
  },
  {
    code: 'config',
    route: null,
    children: [
      { code: 'config.cache', route: '/config/cache' },
      { code: 'config.attributes', route: '/config/attributes' },
      { code: 'config.business-workflows', route: '/config/business-workflows' },
      { code: 'config.iom-workflows', route: '/config/iom-workflows' },
      { code: 'config.work-order-types', route: '/config/work-order-types' },
      { code: 'config.exception-flows', route: '/config/exception-flows' },
      { code: 'config.workflows', route: '/config/workflows' },
      { code: 'config.calendar', route: '/config/calendar' },
      { code: 'config.time-limits', route: '/config/time-limits' },
      { code: 'config.dispatch-rules', route: '/config/dispatch-rules' },
    ],
  },
  {
    code: 'work-orders',
    route: null,
    children: [
      { code: 'work-orders.by-position', route: '/work-orders/by-position' },
      { code: 'work-orders.by-staff', route: '/work-orders/by-staff' },
      { code: 'work-orders.manual-assignment', route: '/work-orders/manual-assignment' },
      { code: 'work-orders.manual-exception', route: '/work-orders/manual-exception' },
    ],
  },
  {
    code: 'monitoring',
    route: null,
    children: [
      { code: 'monitoring.pre-alarm', route: '/monitoring/pre-alarm' },
      { code: 'monitoring.interfaces', route: '/monitoring/interfaces' },
      { code: 'monitoring.dashboard', route: '/dashboard' },
    ],
  },
  {
    code: 'queries',
    route: null,
    children: [
      { code: 'queries.orders', route: '/queries/orders' },
      { code: 'queries.work-orders', route: '/queries/work-orders' },
      { code: 'queries.daily-report', route: '/queries/daily-report' },
    ],
  },
  {
    code: 'billing',
    route: null,
    children: [
      { code: 'billing.formats', route: '/billing/formats' },
      { code: 'billing.imports', route: '/billing/imports' },
      { code: 'billing.bills', route: '/billing/bills' },
      { code: 'billing.arrears', route: '/billing/arrears' },
      { code: 'billing.call-permissions', route: '/billing/call-permissions' },
      { code: 'billing.prepaid', route: '/billing/prepaid' },
      { code: 'billing.dunning', route: '/billing/dunning' },
      { code: 'billing.operators', route: '/billing/operators' },
    ],
  },
  {
    code: 'dispatch',
    route: null,
    children: [
      { code: 'dispatch.todo', route: '/dispatch/todo' },
      { code: 'dispatch.supervision', route: null },
      { code: 'dispatch.map', route: '/dispatch/map' },
      { code: 'dispatch.statistics', route: null },
      { code: 'dispatch.teams', route: '/dispatch/teams' },
    ],
  },
];

/** A group code and all its leaves, for granting whole groups. */
export function group(code: string): string[] {
  const node = menuTree.find((entry) => entry.code === code);
  if (!node) throw new Error(`unknown menu group ${code}`);
  return [node.code, ...node.children.map((child) => child.code)];
}
