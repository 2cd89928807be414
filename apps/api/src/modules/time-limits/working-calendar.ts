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
/** Time zone offsets are whole quarter hours, so each quarter hour lies within one local day. */
const QUARTER_HOUR = 900_000;
/** Local days remembered (a quarter hour each): a few months of limits counted from "now". */
const MAX_REMEMBERED = 20_000;

/** A local day in the calendar's time zone. */
interface LocalDay {
  /** `yyyy-MM-dd` */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** The instants it starts and the next local day starts (ms). */
  start: number;
  next: number;
}

/**
 * The working-day calendar (日期管理): Monday to Friday are working days and weekends are not,
 * except where an exception says otherwise. An exception for an organisation applies to it and
 * everything below it; the nearest one wins over farther ones and over the all-area exceptions.
 * Time limits count whole working days in the operator's time zone.
 */
export class WorkingCalendar {
  /** date → (organisation id or 0 for all areas) → working */
  private readonly byDate = new Map<string, Map<number, boolean>>();
  /**
   * Quarter hour (ms / 15 min) → its local day. Finding the local day of an instant is the costly
   * part of counting (time zone arithmetic), and limits are counted from the same few days over and
   * over, so each day is worked out once.
   */
  private readonly days = new Map<number, LocalDay>();

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
    let cursor = start.getTime();
    for (let day = 0; day < MAX_DAYS; day++) {
      const local = this.localDay(cursor);
      if (this.isWorkingDay(local.date, areaChain, local.weekday)) {
        const available = local.next - cursor;
        if (remaining <= available) return new Date(cursor + remaining);
        remaining -= available;
      }
      cursor = local.next;
    }
    throw new RangeError(`no ${hours} working hours within ${MAX_DAYS} days of ${start.toISOString()}: check the calendar`);
  }

  /** The local day an instant falls in. */
  private localDay(instant: number): LocalDay {
    const quarter = Math.floor(instant / QUARTER_HOUR);
    const known = this.days.get(quarter);
    if (known && known.start <= instant && instant < known.next) return known;
    const cursor = new TZDate(instant, this.timeZone);
    const day: LocalDay = {
      date: format(cursor, 'yyyy-MM-dd'),
      weekday: cursor.getDay(),
      start: startOfDay(cursor).getTime(),
      next: startOfDay(addDays(cursor, 1)).getTime(),
    };
    if (this.days.size >= MAX_REMEMBERED) this.days.clear();
    this.days.set(quarter, day);
    return day;
  }

  private weekday(date: string): number {
    return new TZDate(`${date}T12:00:00`, this.timeZone).getDay();
  }
}
