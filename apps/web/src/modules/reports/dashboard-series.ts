/** `2026-03-11` → `03-11`: the axis of a two-week chart needs no year. */
export const shortDay = (date: string) => date.slice(5);

/** Per-day series of the trend charts, labelled for the axis and in the order of `dates`. */
export function dailySeries(dates: readonly string[], days: readonly { date: string; orders: number; workOrders: number }[]) {
  const byDate = new Map(days.map((day) => [day.date, day]));
  return dates.map((date) => ({ date, label: shortDay(date), orders: byDate.get(date)?.orders ?? 0, workOrders: byDate.get(date)?.workOrders ?? 0 }));
}

/** Sum of a count over rows (the panels' totals). */
export const total = (rows: readonly { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
