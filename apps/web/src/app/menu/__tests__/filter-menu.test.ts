import { describe, expect, it } from 'vitest';
import { filterMenu, openableLeaves, plannedLeaves } from '../filter-menu';
import { MENU } from '../menu-definition';

const codes = (groups: ReturnType<typeof filterMenu>) =>
  groups.map((g) => [g.code, g.leaves.map((l) => l.code)] as const);

describe('filterMenu', () => {
  it('shows nothing without menu codes', () => {
    expect(filterMenu([])).toEqual([]);
  });

  it('shows a group only with its own code, and a leaf only with the leaf code', () => {
    const visible = filterMenu(['system', 'system.staff', 'help.about', 'dispatch', 'dispatch.map', 'dispatch.todo']);
    expect(codes(visible)).toEqual([
      ['system', ['system.staff']],
      ['dispatch', ['dispatch.todo', 'dispatch.map']],
    ]);
  });

  it('drops a granted group when none of its leaves is granted', () => {
    expect(filterMenu(['billing'])).toEqual([]);
  });

  it('keeps the order of the definition, not of viewer.menus', () => {
    const visible = filterMenu(['system.online-staff', 'help.about', 'system', 'help', 'system.staff']);
    expect(codes(visible)).toEqual([
      ['help', ['help.about']],
      ['system', ['system.staff', 'system.online-staff']],
    ]);
  });

  it('hides leaves whose own permission the viewer lacks (billing level), when permissions are given', () => {
    const billing = MENU.find((g) => g.code === 'billing')!;
    const menus = ['billing', ...billing.leaves.map((leaf) => leaf.code)];
    const leaves = (permissions?: string[]) => filterMenu(menus, MENU, permissions).flatMap((g) => g.leaves.map((leaf) => leaf.code));
    expect(leaves(['billing:read'])).toEqual(['billing.bills', 'billing.arrears', 'billing.call-permissions', 'billing.operators']);
    expect(leaves(['billing:read', 'billing:operate'])).toEqual(billing.leaves.map((leaf) => leaf.code));
    expect(leaves([])).toEqual([]);
    expect(leaves()).toEqual(billing.leaves.map((leaf) => leaf.code));
  });

  it('ignores unknown codes', () => {
    expect(codes(filterMenu(['help', 'help.about', 'nope', 'help.nope']))).toEqual([['help', ['help.about']]]);
  });

  it('shows everything to a viewer granted every code', () => {
    const all = MENU.flatMap((g) => [g.code, ...g.leaves.map((l) => l.code)]);
    expect(filterMenu(all)).toEqual(MENU);
  });

  it('tells screens that exist from planned ones', () => {
    const all = MENU.flatMap((g) => [g.code, ...g.leaves.map((l) => l.code)]);
    const groups = filterMenu(all);
    expect(openableLeaves(groups).map((l) => [l.code, l.path])).toEqual([
      ['help.about', '/help'],
      ['system.staff', '/system/staff'],
      ['system.online-staff', '/system/online-staff'],
      ['system.position-types', '/system/position-types'],
      ['system.positions', '/system/positions'],
      ['system.audit', '/system/audit'],
      ['config.cache', '/config/cache'],
      ['config.attributes', '/config/attributes'],
      ['config.business-workflows', '/config/business-workflows'],
      ['config.iom-workflows', '/config/iom-workflows'],
      ['config.work-order-types', '/config/work-order-types'],
      ['config.exception-flows', '/config/exception-flows'],
      ['config.workflows', '/config/workflows'],
      ['config.calendar', '/config/calendar'],
      ['config.time-limits', '/config/time-limits'],
      ['config.dispatch-rules', '/config/dispatch-rules'],
      ['work-orders.by-position', '/work-orders/by-position'],
      ['work-orders.by-staff', '/work-orders/by-staff'],
      ['work-orders.manual-assignment', '/work-orders/manual-assignment'],
      ['work-orders.manual-exception', '/work-orders/manual-exception'],
      ['monitoring.pre-alarm', '/monitoring/pre-alarm'],
      ['monitoring.interfaces', '/monitoring/interfaces'],
      ['monitoring.dashboard', '/dashboard'],
      ['queries.orders', '/queries/orders'],
      ['queries.work-orders', '/queries/work-orders'],
      ['queries.daily-report', '/queries/daily-report'],
      ['billing.formats', '/billing/formats'],
      ['billing.imports', '/billing/imports'],
      ['billing.bills', '/billing/bills'],
      ['billing.arrears', '/billing/arrears'],
      ['billing.call-permissions', '/billing/call-permissions'],
      ['billing.prepaid', '/billing/prepaid'],
      ['billing.dunning', '/billing/dunning'],
      ['billing.operators', '/billing/operators'],
      ['dispatch.todo', '/dispatch/todo'],
      ['dispatch.map', '/dispatch/map'],
      ['dispatch.teams', '/dispatch/teams'],
    ]);
    expect(plannedLeaves(groups)).toHaveLength(all.length - MENU.length - 37);
  });

  it('has the seed structure: 8 groups, leaf codes prefixed by their group', () => {
    expect(MENU.map((g) => g.code)).toEqual([
      'help', 'system', 'config', 'work-orders', 'monitoring', 'queries', 'billing', 'dispatch',
    ]);
    for (const group of MENU) {
      for (const leaf of group.leaves) expect(leaf.code.startsWith(`${group.code}.`)).toBe(true);
    }
  });
});
