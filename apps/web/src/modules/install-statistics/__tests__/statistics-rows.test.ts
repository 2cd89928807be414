import { describe, expect, it } from 'vitest';
import { addDays, lastAllowedDay, parseDay, toSheetRows, toStatisticsTable } from '../statistics-rows';

describe('statistics rows', () => {
  it('applies the API’s 3-month rule', () => {
    expect(lastAllowedDay('2026-01-01')).toBe('2026-03-31');
    expect(lastAllowedDay('2026-11-30')).toBe('2027-02-27');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('accepts only real days', () => {
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay(null)).toBeNull();
  });
  it('labels rows in the UI language, names the keyless row and totals every column', () => {
    const table = toStatisticsTable(
      [
        { key: '1', name: '天河区', nameEn: 'Tianhe', installsCompleted: 2, movesCompleted: 1, removalsCompleted: 0, received: 4, inFlight: 1 },
        { key: null, name: null, nameEn: null, installsCompleted: 1, movesCompleted: 0, removalsCompleted: 3, received: 0, inFlight: 0 },
      ],
      'en',
      '(none)',
      'Total',
    );
    expect(table.rows.map((row) => [row.label, row.completed])).toEqual([['Tianhe', 3], ['(none)', 4]]);
    expect(table.total).toMatchObject({ installsCompleted: 3, movesCompleted: 1, removalsCompleted: 3, completed: 7, received: 4, inFlight: 1 });
    expect(toSheetRows(table, ['Group', 'I', 'M', 'R', 'C', 'Rec', 'F'])).toEqual([
      ['Group', 'I', 'M', 'R', 'C', 'Rec', 'F'],
      ['Tianhe', 2, 1, 0, 3, 4, 1],
      ['(none)', 1, 0, 3, 4, 0, 0],
      ['Total', 3, 1, 3, 7, 4, 1],
    ]);
  });
});
