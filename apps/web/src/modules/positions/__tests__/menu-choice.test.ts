import { describe, expect, it } from 'vitest';
import { MENU } from '../../../app/menu/menu-definition';
import { grantedMenus, tickedLeaves } from '../menu-choice';

describe('menus a position type grants', () => {
  it('adds each ticked leaf’s group, in menu order', () => {
    expect(grantedMenus(MENU, new Set(['queries.orders', 'help.about', 'queries.daily-report']))).toEqual(['help', 'help.about', 'queries', 'queries.orders', 'queries.daily-report']);
    expect(grantedMenus(MENU, new Set())).toEqual([]);
  });

  it('reads the ticked leaves back from granted codes, ignoring group codes and unknown ones', () => {
    expect([...tickedLeaves(MENU, ['queries', 'queries.orders', 'gone.menu'])]).toEqual(['queries.orders']);
  });
});
