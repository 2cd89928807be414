import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../working-calendar.ts';

const zone = 'Asia/Shanghai';
/** A Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('working-day calendar', () => {
  // 2026-09-24 is a Thursday; 25–27 Sep are the Mid-Autumn holiday; 3–4 Oct a weekend.
  const calendar = new WorkingCalendar(
    [
      { organisationId: null, date: '2026-09-25', working: false },
      { organisationId: null, date: '2026-09-26', working: false },
      { organisationId: null, date: '2026-09-27', working: false },
      { organisationId: null, date: '2026-10-10', working: true },
      // City 2 rests on Monday 28th; its district 3 works anyway (the nearest exception wins).
      { organisationId: 2, date: '2026-09-28', working: false },
      { organisationId: 3, date: '2026-09-28', working: true },
    ],
    zone,
  );

  it('counts time within a working day', () => {
    expect(calendar.addWorkingHours(at('2026-09-24T10:00:00'), 2, [])).toEqual(at('2026-09-24T12:00:00'));
  });

  it('skips holidays and weekends, counting whole working days', () => {
    // 2 h left of Thursday, then Friday–Sunday off: the third hour lands on Monday.
    expect(calendar.addWorkingHours(at('2026-09-24T22:00:00'), 3, [])).toEqual(at('2026-09-28T01:00:00'));
    expect(calendar.addWorkingHours(at('2026-10-02T23:00:00'), 2, [])).toEqual(at('2026-10-05T01:00:00'));
  });

  it('ends exactly at midnight when the time runs out with the day', () => {
    expect(calendar.addWorkingHours(at('2026-09-24T22:00:00'), 2, [])).toEqual(at('2026-09-25T00:00:00'));
  });

  it('starts counting at the next working day when started on a rest day', () => {
    expect(calendar.addWorkingHours(at('2026-09-26T15:00:00'), 1, [])).toEqual(at('2026-09-28T01:00:00'));
  });

  it('counts a worked weekend day (调休)', () => {
    expect(calendar.isWorkingDay('2026-10-10', [])).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11', [])).toBe(false);
    expect(calendar.addWorkingHours(at('2026-10-09T23:00:00'), 2, [])).toEqual(at('2026-10-10T01:00:00'));
  });

  it('applies an area exception below it, with the nearest one winning', () => {
    expect(calendar.isWorkingDay('2026-09-28', [])).toBe(true);
    expect(calendar.isWorkingDay('2026-09-28', [4, 2, 1])).toBe(false);
    expect(calendar.isWorkingDay('2026-09-28', [3, 2, 1])).toBe(true);
    expect(calendar.addWorkingHours(at('2026-09-24T23:00:00'), 2, [4, 2, 1])).toEqual(at('2026-09-29T01:00:00'));
  });

  it('refuses a limit that never ends', () => {
    const never = new WorkingCalendar([], zone);
    expect(() => never.addWorkingHours(at('2026-01-01T00:00:00'), 1_000_000, [])).toThrow(/working hours within/);
  });
});
