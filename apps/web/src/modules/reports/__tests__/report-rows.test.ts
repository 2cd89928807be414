import { describe, expect, it } from 'vitest';
import { shiftDay, parseDayParam } from '../day-navigation';
import { dailySeries } from '../dashboard-series';
import { chartByType, formatRate, toReportTable, toSheetRows, type ReportRowInput } from '../report-rows';

const org = (id: string, name: string, nameEn: string) => ({ id, name, nameEn });
const type = (code: string, name: string, nameEn: string) => ({ code, name, nameEn });
const counts = (created: number, completed: number, completedOnTime: number, exceptions: number, open: number, overdue: number) => ({ created, completed, completedOnTime, exceptions, open, overdue });

const rows: ReportRowInput[] = [
  { organisation: org('2', '天河区', 'Tianhe'), workOrderType: type('WIRING', '配线', 'Wiring'), ...counts(3, 2, 1, 0, 1, 1) },
  { organisation: null, workOrderType: type('INSTALL', '装机', 'Installation'), ...counts(1, 0, 0, 0, 1, 0) },
  { organisation: org('1', '越秀区', 'Yuexiu'), workOrderType: type('INSTALL', '装机', 'Installation'), ...counts(0, 4, 4, 1, 0, 0) },
  { organisation: org('2', '天河区', 'Tianhe'), workOrderType: type('INSTALL', '装机', 'Installation'), ...counts(2, 0, 0, 0, 2, 0) },
];

describe('daily report rows', () => {
  it('sorts by organisation then type in the UI language, rows without an organisation last, and totals every count', () => {
    const en = toReportTable(rows, 'en', '(none)');
    expect(en.rows.map((row) => `${row.organisation}/${row.workOrderType}`)).toEqual(['Tianhe/Installation', 'Tianhe/Wiring', 'Yuexiu/Installation', '(none)/Installation']);
    expect(en.total).toMatchObject({ created: 6, completed: 6, completedOnTime: 5, exceptions: 1, open: 4, overdue: 1 });
    expect(en.total.onTimeRate).toBeCloseTo(5 / 6);
    // Chinese names sort by pinyin: 天河 (tiān) before 越秀 (yuè).
    expect(toReportTable(rows, 'zh-CN', '（无）').rows.map((row) => row.organisation)).toEqual(['天河区', '天河区', '越秀区', '（无）']);
  });

  it('gives the on-time rate only where something was completed', () => {
    const table = toReportTable(rows, 'en', '(none)');
    expect(table.rows.map((row) => formatRate(row.onTimeRate))).toEqual(['', '50%', '100%', '']);
    expect(formatRate(2 / 3)).toBe('66.7%');
  });

  it('sums the chart per work-order type over organisations, busiest first', () => {
    expect(chartByType(toReportTable(rows, 'en', '(none)').rows)).toEqual([
      { type: 'Installation', created: 3, completed: 4, overdue: 0 },
      { type: 'Wiring', created: 3, completed: 2, overdue: 1 },
    ]);
  });

  it('writes the sheet as the header, the table rows and the total line', () => {
    const table = toReportTable(rows.slice(0, 1), 'en', '(none)');
    expect(toSheetRows(table, ['Org', 'Type', 'c', 'd', 't', 'e', 'o', 'x', 'r'], 'Total')).toEqual([
      ['Org', 'Type', 'c', 'd', 't', 'e', 'o', 'x', 'r'],
      ['Tianhe', 'Wiring', 3, 2, 1, 0, 1, 1, '50%'],
      ['Total', '', 3, 2, 1, 0, 1, 1, '50%'],
    ]);
  });
});

describe('days', () => {
  it('moves across month and year ends and accepts only real days', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(parseDayParam('2026-02-29')).toBeNull();
    expect(parseDayParam('2026-3-1')).toBeNull();
    expect(parseDayParam(null)).toBeNull();
    expect(parseDayParam('2028-02-29')).toBe('2028-02-29');
  });

  it('lays the dashboard series out on every date, zeros for days without data', () => {
    expect(dailySeries(['2026-03-10', '2026-03-11'], [{ date: '2026-03-11', orders: 1, workOrders: 7 }])).toEqual([
      { date: '2026-03-10', label: '03-10', orders: 0, workOrders: 0 },
      { date: '2026-03-11', label: '03-11', orders: 1, workOrders: 7 },
    ]);
  });
});
