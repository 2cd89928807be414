import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';

/** A calendar exception: a holiday on a weekday or a working weekend day, for one area or all (null). */
export interface CalendarException {
  organisationId: number | null;
  /** Local date, `yyyy-MM-dd`. */
  date: string;
  working: boolean;
}

const HOUR = 3_600_000;
/** A limit can not reach further than this many days (a calendar with no working day at all). */
const MAX_DAYS = 3660;

/**
 * The working-day calendar (日期管理): Monday to Friday are working days and weekends are not,
 * except where an exception says otherwise. An exception for an organisation applies to it and
 * everything below it; the nearest one wins over farther ones and over the all-area exceptions.
 * Time limits count whole working days in the operator's time zone.
 */
export class WorkingCalendar {
  /** date → (organisation id or 0 for all areas) → working */
  private readonly byDate = new Map<string, Map<number, boolean>>();

  constructor(
    exceptions: Iterable<CalendarException>,
    readonly timeZone: string,
  ) {
    for (const exception of exceptions) {
      const forDate = this.byDate.get(exception.date) ?? new Map<number, boolean>();
      forDate.set(exception.organisationId ?? 0, exception.working);
      this.byDate.set(exception.date, forDate);
    }
  }

  /**
   * Whether a local date is a working day for an area, given the area's chain of organisation ids
   * from itself up to the root (empty: no area).
   */
  isWorkingDay(date: string, areaChain: readonly number[], weekday: number = this.weekday(date)): boolean {
    const forDate = this.byDate.get(date);
    if (forDate) {
      for (const organisationId of areaChain) {
        const working = forDate.get(organisationId);
        if (working !== undefined) return working;
      }
      const everywhere = forDate.get(0);
      if (everywhere !== undefined) return everywhere;
    }
    return weekday !== 0 && weekday !== 6;
  }

  /** The instant `hours` of working time after `start` (time on non-working days does not count). */
  addWorkingHours(start: Date, hours: number, areaChain: readonly number[]): Date {
    let remaining = hours * HOUR;
    let cursor: TZDate = new TZDate(start.getTime(), this.timeZone);
    for (let day = 0; day < MAX_DAYS; day++) {
      const nextDay: TZDate = startOfDay(addDays(cursor, 1));
      if (this.isWorkingDay(format(cursor, 'yyyy-MM-dd'), areaChain, cursor.getDay())) {
        const available = nextDay.getTime() - cursor.getTime();
        if (remaining <= available) return new Date(cursor.getTime() + remaining);
        remaining -= available;
      }
      cursor = nextDay;
    }
    throw new RangeError(`no ${hours} working hours within ${MAX_DAYS} days of ${start.toISOString()}: check the calendar`);
  }

  private weekday(date: string): number {
    return new TZDate(`${date}T12:00:00`, this.timeZone).getDay();
  }
}
