import type { AlarmSubject, PreAlarmMonitorQuery } from '../../generated/graphql';

export type PreAlarmApiRow = PreAlarmMonitorQuery['preAlarmMonitor'][number];
export type PreAlarmOrganisation = PreAlarmApiRow['organisation'];

/** The counts of the pre-alarm monitor, in column order. */
export const MEASURES = ['executing', 'warning', 'overdue', 'acceptOverdue'] as const;
export type Measure = (typeof MEASURES)[number];

export type Counts = Record<Measure, number>;

/** One line of the table: an organisation with its order and work-order counts side by side. */
export interface PreAlarmTableRow {
  organisation: PreAlarmOrganisation;
  /** The organisation being broken down (its counts cover every row below it). */
  isTotal: boolean;
  counts: Record<AlarmSubject, Counts>;
}

const zero = (): Counts => ({ executing: 0, warning: 0, overdue: 0, acceptOverdue: 0 });

/**
 * The API gives one row per organisation and subject; the screen shows one line per organisation,
 * in the API's order (the organisation broken down first, then its children in display order).
 */
export function toTableRows(rows: readonly PreAlarmApiRow[], focusId: string | null): PreAlarmTableRow[] {
  const byOrganisation = new Map<string, PreAlarmTableRow>();
  for (const row of rows) {
    let line = byOrganisation.get(row.organisation.id);
    if (!line) {
      line = {
        organisation: row.organisation,
        isTotal: row.organisation.id === focusId,
        counts: { ORDER: zero(), WORK_ORDER: zero() },
      };
      byOrganisation.set(row.organisation.id, line);
    }
    line.counts[row.subject] = {
      executing: row.executing,
      warning: row.warning,
      overdue: row.overdue,
      acceptOverdue: row.acceptOverdue,
    };
  }
  return [...byOrganisation.values()];
}

/** Which counts a subject has: orders are never "not accepted in time". */
export function measuresOf(subject: AlarmSubject): readonly Measure[] {
  return subject === 'ORDER' ? MEASURES.filter((m) => m !== 'acceptOverdue') : MEASURES;
}
