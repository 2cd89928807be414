import { describe, expect, it } from 'vitest';
import { dateRange, isWeekend, yearGrid } from '../calendar-grid';

describe('year view', () => {
  it('lays out each month in Monday-first weeks', () => {
    const months = yearGrid(2026);
    expect(months).toHaveLength(12);
    // 1 October 2026 is a Thursday.
    expect(months[9]!.weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(months[9]!.weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(months[1]!.weeks.flat().filter(Boolean)).toHaveLength(28);
    expect(yearGrid(2028)[1]!.weeks.flat().filter(Boolean)).toHaveLength(29);
  });

  it('spans ranges in either direction and knows weekends', () => {
    expect(dateRange('2026-10-03', '2026-09-30')).toEqual(['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03']);
    expect(dateRange('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(isWeekend('2026-10-03')).toBe(true);
    expect(isWeekend('2026-10-05')).toBe(false);
  });
});
