import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
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

  it('counts the same as walking the days one by one, across time zones with and without daylight saving', () => {
    // The calendar remembers local days; this is the plain walk it must agree with.
    const walk = (calendar: WorkingCalendar, start: Date, hours: number, chain: number[]) => {
      let remaining = hours * 3_600_000;
      let cursor: TZDate = new TZDate(start.getTime(), calendar.timeZone);
      for (;;) {
        const next: TZDate = startOfDay(addDays(cursor, 1));
        if (calendar.isWorkingDay(format(cursor, 'yyyy-MM-dd'), chain, cursor.getDay())) {
          if (remaining <= next.getTime() - cursor.getTime()) return new Date(cursor.getTime() + remaining);
          remaining -= next.getTime() - cursor.getTime();
        }
        cursor = next;
      }
    };
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const timeZone of [zone, 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const exceptions = [
        { organisationId: null, date: '2026-03-30', working: false },
        { organisationId: 2, date: '2026-10-24', working: true },
      ];
      const remembering = new WorkingCalendar(exceptions, timeZone);
      const plain = new WorkingCalendar(exceptions, timeZone);
      for (let i = 0; i < 400; i++) {
        // Instants around the spring and autumn clock changes of 2026, on and off the quarter hour.
        const start = new Date(Date.UTC(2026, i % 2 ? 2 : 9, 20 + Math.floor(random() * 14), 0, 0) + Math.floor(random() * 86_400_000));
        const hours = [0, 0.5, 1, 2, 13.25, 24, 50][i % 7];
        const chain = i % 3 ? [] : [3, 2, 1];
        expect(remembering.addWorkingHours(start, hours, chain), `${timeZone} ${start.toISOString()} + ${hours} h`).toEqual(walk(plain, start, hours, chain));
      }
    }
  });
});
