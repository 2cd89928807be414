import type { InstallKind, InstallStatisticsGroup, InstallStatisticsMeasure } from '../../generated/graphql';

/** The longest range, in calendar months (the API refuses longer ones). */
export const MAX_RANGE_MONTHS = 3;
export const GROUPS: readonly InstallStatisticsGroup[] = ['CITY', 'DISTRICT', 'TEAM', 'INSTALLER'];

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A yyyy-MM-dd parameter, or null when missing or not a real day. */
export function parseDay(value: string | null): string | null {
  if (!value || !DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/** `date` moved by whole days. */
export function addDays(date: string, days: number): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** The last day a range from `from` may end on (the API's rule): the day before the same day 3 months on, clamped. */
export function lastAllowedDay(from: string, months = MAX_RANGE_MONTHS): string {
  const [year, month, day] = from.split('-').map(Number);
  const targetMonth = month - 1 + months;
  const daysInTarget = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate();
  return addDays(new Date(Date.UTC(year, targetMonth, Math.min(day, daysInTarget))).toISOString().slice(0, 10), -1);
}

export interface StatisticsRowInput {
  key: string | null;
  name: string | null;
  nameEn: string | null;
  installsCompleted: number;
  movesCompleted: number;
  removalsCompleted: number;
  received: number;
  inFlight: number;
}

export interface StatisticsTableRow extends StatisticsRowInput {
  label: string;
  completed: number;
  isTotal?: boolean;
}

/** The count columns, in table order, with the cell each drills into. */
export const COUNT_COLUMNS: readonly { field: keyof Pick<StatisticsTableRow, 'installsCompleted' | 'movesCompleted' | 'removalsCompleted' | 'completed' | 'received' | 'inFlight'>; measure: InstallStatisticsMeasure; kind: InstallKind | null }[] = [
  { field: 'installsCompleted', measure: 'COMPLETED', kind: 'INSTALL' },
  { field: 'movesCompleted', measure: 'COMPLETED', kind: 'MOVE' },
  { field: 'removalsCompleted', measure: 'COMPLETED', kind: 'REMOVAL' },
  { field: 'completed', measure: 'COMPLETED', kind: null },
  { field: 'received', measure: 'RECEIVED', kind: null },
  { field: 'inFlight', measure: 'IN_FLIGHT', kind: null },
];

/** Rows with labels (in the UI language; `none` for the row without a key) and their total. */
export function toStatisticsTable(rows: readonly StatisticsRowInput[], lng: string, none: string, totalLabel: string): { rows: StatisticsTableRow[]; total: StatisticsTableRow } {
  const table = rows.map((row) => ({
    ...row,
    label: row.key === null ? none : (lng === 'en' && row.nameEn ? row.nameEn : (row.name ?? '')),
    completed: row.installsCompleted + row.movesCompleted + row.removalsCompleted,
  }));
  const sum = (field: keyof StatisticsRowInput) => table.reduce((total, row) => total + (row[field] as number), 0);
  const total: StatisticsTableRow = {
    key: null,
    name: null,
    nameEn: null,
    label: totalLabel,
    isTotal: true,
    installsCompleted: sum('installsCompleted'),
    movesCompleted: sum('movesCompleted'),
    removalsCompleted: sum('removalsCompleted'),
    received: sum('received'),
    inFlight: sum('inFlight'),
    completed: 0,
  };
  total.completed = total.installsCompleted + total.movesCompleted + total.removalsCompleted;
  return { rows: table, total };
}

/** The sheet: header, rows, total. */
export function toSheetRows(table: { rows: StatisticsTableRow[]; total: StatisticsTableRow }, headers: string[]): (string | number)[][] {
  const line = (row: StatisticsTableRow) => [row.label, ...COUNT_COLUMNS.map((column) => row[column.field])];
  return [headers, ...table.rows.map(line), line(table.total)];
}
