import type { Language } from '../../lib/i18n';
import { localName } from '../../lib/local-name';

/** The counts of one report row, in the table's column order. */
export const COUNT_COLUMNS = ['created', 'completed', 'completedOnTime', 'exceptions', 'open', 'overdue'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
type Counts = Record<CountColumn, number>;

interface Named {
  name: string;
  nameEn: string;
}
export interface ReportRowInput extends Counts {
  organisation: (Named & { id: string }) | null;
  workOrderType: (Named & { code: string }) | null;
}

/** A table row: names in the UI language, the counts, and the on-time share of completions. */
export interface ReportTableRow extends Counts {
  key: string;
  organisation: string;
  workOrderType: string;
  /** Completed on time ÷ completed, 0–1; null when nothing was completed. */
  onTimeRate: number | null;
}

const onTimeRate = (counts: Counts) => (counts.completed === 0 ? null : counts.completedOnTime / counts.completed);

/**
 * The report's rows for the table, sorted by organisation then work-order type name (rows without an
 * organisation or type last, labelled `none`), and the total row.
 */
export function toReportTable(rows: readonly ReportRowInput[], lng: Language, none: string): { rows: ReportTableRow[]; total: ReportTableRow } {
  const table = rows.map((row) => {
    const counts = Object.fromEntries(COUNT_COLUMNS.map((column) => [column, row[column]])) as Counts;
    return {
      key: `${row.organisation?.id ?? '-'}/${row.workOrderType?.code ?? '-'}`,
      organisation: row.organisation ? localName(row.organisation, lng) : none,
      workOrderType: row.workOrderType ? localName(row.workOrderType, lng) : none,
      sortOrganisation: row.organisation ? 0 : 1,
      sortType: row.workOrderType ? 0 : 1,
      ...counts,
      onTimeRate: onTimeRate(counts),
    };
  });
  const collator = new Intl.Collator(lng === 'en' ? 'en' : 'zh-CN');
  table.sort(
    (a, b) =>
      a.sortOrganisation - b.sortOrganisation ||
      collator.compare(a.organisation, b.organisation) ||
      a.sortType - b.sortType ||
      collator.compare(a.workOrderType, b.workOrderType),
  );
  const sums = Object.fromEntries(COUNT_COLUMNS.map((column) => [column, table.reduce((sum, row) => sum + row[column], 0)])) as Counts;
  return {
    rows: table.map(({ sortOrganisation: _o, sortType: _t, ...row }) => row),
    total: { key: 'total', organisation: '', workOrderType: '', ...sums, onTimeRate: onTimeRate(sums) },
  };
}

/** Per work-order type over all organisations, for the chart: created, completed and overdue, busiest first. */
export function chartByType(rows: readonly ReportTableRow[]): { type: string; created: number; completed: number; overdue: number }[] {
  const byType = new Map<string, { type: string; created: number; completed: number; overdue: number }>();
  for (const row of rows) {
    const entry = byType.get(row.workOrderType) ?? { type: row.workOrderType, created: 0, completed: 0, overdue: 0 };
    entry.created += row.created;
    entry.completed += row.completed;
    entry.overdue += row.overdue;
    byType.set(row.workOrderType, entry);
  }
  return [...byType.values()].sort((a, b) => b.created + b.completed - (a.created + a.completed) || a.type.localeCompare(b.type));
}

/** The on-time share as shown in the table and the sheet: `87.5%`, or empty when nothing was completed. */
export function formatRate(rate: number | null): string {
  return rate === null ? '' : `${Math.round(rate * 1000) / 10}%`;
}

/** The table as the spreadsheet's rows: the header, one line per row, the total line. */
export function toSheetRows(table: { rows: readonly ReportTableRow[]; total: ReportTableRow }, headers: string[], totalLabel: string): (string | number)[][] {
  const line = (row: ReportTableRow, organisation: string) => [organisation, row.workOrderType, ...COUNT_COLUMNS.map((column) => row[column]), formatRate(row.onTimeRate)];
  return [headers, ...table.rows.map((row) => line(row, row.organisation)), line(table.total, totalLabel)];
}
