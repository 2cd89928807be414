import { describe, expect, it } from 'vitest';
import { formatSelection, orderFilterFor, parseSelection, workOrderFilterFor } from '../drill-down';
import { canBreakDown, organisationPath } from '../organisation-path';
import { measuresOf, toTableRows, type PreAlarmApiRow } from '../pre-alarm-rows';

const org = (id: string, code: string, level: 'PROVINCE' | 'CITY' | 'DISTRICT' | 'GRID' = 'DISTRICT') => ({
  __typename: 'Organisation' as const,
  id,
  code,
  name: code,
  nameEn: code,
  level,
});

function row(o: ReturnType<typeof org>, subject: 'ORDER' | 'WORK_ORDER', [executing, warning, overdue, acceptOverdue]: number[]): PreAlarmApiRow {
  return { organisation: o, subject, executing, warning, overdue, acceptOverdue };
}

describe('toTableRows', () => {
  it('puts the order and work-order counts of an organisation on one line, in the API’s order', () => {
    const city = org('2', 'GZ', 'CITY');
    const tianhe = org('3', 'GZ-TH');
    const yuexiu = org('4', 'GZ-YX');
    const lines = toTableRows(
      [
        row(city, 'ORDER', [9, 2, 3, 0]),
        row(city, 'WORK_ORDER', [12, 1, 4, 2]),
        row(tianhe, 'ORDER', [5, 1, 2, 0]),
        row(tianhe, 'WORK_ORDER', [7, 1, 3, 2]),
        row(yuexiu, 'WORK_ORDER', [5, 0, 1, 0]),
        row(yuexiu, 'ORDER', [4, 1, 1, 0]),
      ],
      '2',
    );
    expect(lines.map((l) => [l.organisation.code, l.isTotal])).toEqual([
      ['GZ', true],
      ['GZ-TH', false],
      ['GZ-YX', false],
    ]);
    expect(lines[0].counts).toEqual({
      ORDER: { executing: 9, warning: 2, overdue: 3, acceptOverdue: 0 },
      WORK_ORDER: { executing: 12, warning: 1, overdue: 4, acceptOverdue: 2 },
    });
    expect(lines[2].counts.ORDER).toEqual({ executing: 4, warning: 1, overdue: 1, acceptOverdue: 0 });
  });

  it('fills a missing subject with zeros and marks no total at the top of several organisations', () => {
    const [line] = toTableRows([row(org('7', 'GZ-PY'), 'ORDER', [1, 0, 1, 0])], null);
    expect(line.isTotal).toBe(false);
    expect(line.counts.WORK_ORDER).toEqual({ executing: 0, warning: 0, overdue: 0, acceptOverdue: 0 });
  });

  it('gives orders no "not accepted in time" column', () => {
    expect(measuresOf('ORDER')).toEqual(['executing', 'warning', 'overdue']);
    expect(measuresOf('WORK_ORDER')).toEqual(['executing', 'warning', 'overdue', 'acceptOverdue']);
  });
});

describe('drill-down selection', () => {
  it('round-trips through the address and refuses what the table cannot show', () => {
    const s = { organisationId: '12', subject: 'WORK_ORDER' as const, measure: 'acceptOverdue' as const };
    expect(formatSelection(s)).toBe('12.WORK_ORDER.acceptOverdue');
    expect(parseSelection('12.WORK_ORDER.acceptOverdue')).toEqual(s);
    expect(parseSelection('3.ORDER.overdue')).toEqual({ organisationId: '3', subject: 'ORDER', measure: 'overdue' });
    for (const bad of [null, '', 'x.ORDER.overdue', '3.ORDER.acceptOverdue', '3.TICKET.overdue', '3.ORDER.late', '3.ORDER']) {
      expect(parseSelection(bad), String(bad)).toBeNull();
    }
  });

  it('lists executing orders of the subtree, narrowed by time state', () => {
    expect(orderFilterFor({ organisationId: '3', subject: 'ORDER', measure: 'executing' })).toEqual({ organisationId: '3', state: 'EXECUTING' });
    expect(orderFilterFor({ organisationId: '3', subject: 'ORDER', measure: 'warning' })).toEqual({ organisationId: '3', state: 'EXECUTING', timeState: 'WARNING' });
    expect(orderFilterFor({ organisationId: '3', subject: 'ORDER', measure: 'overdue' })).toEqual({ organisationId: '3', state: 'EXECUTING', timeState: 'OVERDUE' });
  });

  it('lists open work orders of executing orders, as the counts count them', () => {
    const order = { organisationId: '3', state: 'EXECUTING' };
    const filter = (measure: 'executing' | 'warning' | 'overdue' | 'acceptOverdue') =>
      workOrderFilterFor({ organisationId: '3', subject: 'WORK_ORDER', measure });
    expect(filter('executing')).toEqual({ order, open: true });
    expect(filter('warning')).toEqual({ order, open: true, timeState: 'WARNING' });
    expect(filter('overdue')).toEqual({ order, open: true, timeState: 'OVERDUE' });
    // Only the work orders still waiting count as "not accepted in time".
    expect(filter('acceptOverdue')).toEqual({ order, state: 'PENDING', acceptOverdue: true });
  });
});

describe('organisation path', () => {
  const tree = [
    {
      ...org('1', 'GD', 'PROVINCE'),
      children: [
        {
          ...org('2', 'GZ', 'CITY'),
          children: [
            { ...org('3', 'GZ-TH'), children: [{ ...org('31', 'GZ-TH-01', 'GRID') }] },
            { ...org('4', 'GZ-YX'), children: [] },
          ],
        },
      ],
    },
  ];

  it('walks from the top of the visible tree down to an organisation', () => {
    expect(organisationPath(tree, '31').map((o) => o.code)).toEqual(['GD', 'GZ', 'GZ-TH', 'GZ-TH-01']);
    expect(organisationPath(tree, '1').map((o) => o.code)).toEqual(['GD']);
    expect(organisationPath(tree, '99')).toEqual([]);
  });

  it('breaks down what has organisations below it, and by level below the tree read', () => {
    expect(canBreakDown(tree, org('3', 'GZ-TH'))).toBe(true);
    expect(canBreakDown(tree, org('4', 'GZ-YX'))).toBe(false);
    // The grid's children were not read: grids are the smallest level.
    expect(canBreakDown(tree, org('31', 'GZ-TH-01', 'GRID'))).toBe(false);
    // Not in the tree (it could not be read): by level.
    expect(canBreakDown([], org('5', 'GZ-HZ'))).toBe(true);
    expect(canBreakDown([], org('51', 'GZ-HZ-01', 'GRID'))).toBe(false);
  });
});
