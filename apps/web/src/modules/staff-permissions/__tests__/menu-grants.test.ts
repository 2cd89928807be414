import { describe, expect, it } from 'vitest';
import type { MenuGroup } from '../../../app/menu/menu-definition';
import { accessByLeaf, grantsOf, toggled } from '../menu-grants';

const menu: MenuGroup[] = [
  { code: 'config', labelKey: 'config', leaves: [{ code: 'config.calendar', labelKey: 'c' }, { code: 'config.cache', labelKey: 'k' }] },
  { code: 'queries', labelKey: 'queries', leaves: [{ code: 'queries.orders', labelKey: 'o' }] },
];

describe('menu grants', () => {
  it('reads saved grants per leaf and writes back only the shown leaves', () => {
    const access = accessByLeaf(menu, [
      { menuCode: 'config', operate: false },
      { menuCode: 'config.calendar', operate: true },
      { menuCode: 'queries.orders', operate: false },
    ]);
    expect([...access]).toEqual([
      ['config.calendar', 'operate'],
      ['config.cache', 'none'],
      ['queries.orders', 'view'],
    ]);
    expect(grantsOf(access)).toEqual([
      { menuCode: 'config.calendar', operate: true },
      { menuCode: 'queries.orders', operate: false },
    ]);
  });

  it('keeps operate within view', () => {
    expect(toggled('none', 'operate', true)).toBe('operate');
    expect(toggled('operate', 'view', false)).toBe('none');
    expect(toggled('operate', 'operate', false)).toBe('view');
    expect(toggled('none', 'view', true)).toBe('view');
    expect(toggled('view', 'view', true)).toBe('view');
  });
});
