/** A yyyy-MM-dd day `delta` days away (calendar arithmetic, no time zone involved). */
export function shiftDay(date: string, delta: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + delta);
  return day.toISOString().slice(0, 10);
}

/** The `?date=` parameter when it is a real yyyy-MM-dd day, else null (the server's today). */
export function parseDayParam(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value) ? value : null;
}
