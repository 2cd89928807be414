import { TZDate } from '@date-fns/tz';
import type { PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { InstallStatisticsRepository } from './install-statistics.repository.ts';
import type { InstallKind, InstallStatisticsGroup, InstallStatisticsMeasure, InstallStatisticsOrderRecord, InstallStatisticsRecord, InstantRange } from './install-statistics.types.ts';

/** The longest range, in calendar months. */
export const MAX_RANGE_MONTHS = 3;
/** Orders listed behind one cell at most. */
export const DRILL_DOWN_LIMIT = 500;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The last day a range starting on `from` may end on: the day before the same day `months` later
 * (clamped to the end of a shorter month: from 30 November the limit is 27 February).
 */
export function lastAllowedDay(from: string, months = MAX_RANGE_MONTHS): string {
  const [year, month, day] = from.split('-').map(Number);
  const targetMonth = month - 1 + months;
  const daysInTarget = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate();
  const limit = new Date(Date.UTC(year, targetMonth, Math.min(day, daysInTarget)) - 86_400_000);
  return `${limit.getUTCFullYear()}-${pad(limit.getUTCMonth() + 1)}-${pad(limit.getUTCDate())}`;
}

/**
 * Statistics of home-broadband installs, moves and removals (装移拆统计) by city, district, team or
 * installer over a range of local days (day precision, at most 3 months), counted in the database.
 */
export class InstallStatisticsService {
  readonly repository: InstallStatisticsRepository;

  constructor(
    prisma: PrismaClient,
    private readonly timeZone: string,
  ) {
    this.repository = new InstallStatisticsRepository(prisma);
  }

  statistics(viewer: ViewerRecord, from: string, to: string, groupBy: InstallStatisticsGroup): Promise<Outcome<InstallStatisticsRecord>> {
    assertCan(viewer, 'orders:read');
    return outcomeOf(async () => {
      const range = this.range(from, to);
      const rows = await this.repository.rows(viewer.scope, range, groupBy);
      return { from, to, groupBy, timeZone: this.timeZone, rows };
    });
  }

  orders(
    viewer: ViewerRecord,
    input: { from: string; to: string; groupBy: InstallStatisticsGroup; key: number | null; kind: InstallKind | null; measure: InstallStatisticsMeasure },
  ): Promise<Outcome<{ orders: InstallStatisticsOrderRecord[]; total: number }>> {
    assertCan(viewer, 'orders:read');
    return outcomeOf(async () => this.repository.orders(viewer.scope, this.range(input.from, input.to), input, DRILL_DOWN_LIMIT));
  }

  /** The local days `from`..`to` (inclusive) as instants, or a refusal. */
  private range(from: string, to: string): InstantRange {
    if (to < from) throw new Refusal('RANGE_REVERSED', `The last day (${to}) is before the first day (${from}).`, 'to');
    const last = lastAllowedDay(from);
    if (to > last) {
      throw new Refusal('RANGE_TOO_LONG', `The range may span at most ${MAX_RANGE_MONTHS} months: starting on ${from}, the last day allowed is ${last}.`, 'to');
    }
    const instant = (date: string, plusDays: number) => {
      const [year, month, day] = date.split('-').map(Number);
      return new Date(new TZDate(year, month - 1, day + plusDays, this.timeZone).getTime());
    };
    return { from: instant(from, 0), to: instant(to, 1) };
  }
}
