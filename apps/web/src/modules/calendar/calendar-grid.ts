/** A day of the year view: its date and its place in a Monday-first month grid. */
export interface MonthGrid {
  /** 1–12 */
  month: number;
  /** Weeks of seven cells, Monday first; null outside the month. */
  weeks: (string | null)[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The twelve month grids of a year (dates as yyyy-MM-dd, Monday-first weeks). */
export function yearGrid(year: number): MonthGrid[] {
  const months: MonthGrid[] = [];
  for (let month = 1; month <= 12; month++) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    // getUTCDay: 0 = Sunday; Monday-first offset.
    const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
    for (let day = 1; day <= days; day++) cells.push(`${year}-${pad(month)}-${pad(day)}`);
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: (string | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    months.push({ month, weeks });
  }
  return months;
}

/** Every date from `a` to `b` (either order), inclusive. */
export function dateRange(a: string, b: string): string[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
