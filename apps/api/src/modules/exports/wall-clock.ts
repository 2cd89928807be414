/** The date-time parts of an instant on the wall clock of `timeZone`. */
function parts(instant: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const map = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: map.year, month: map.month, day: map.day, hour: map.hour, minute: map.minute, second: map.second };
}

/**
 * The instant as a zone-less date whose UTC fields are the wall-clock time in `timeZone`: spreadsheet
 * cells have no time zone, and exceljs writes a Date's UTC fields.
 */
export function wallClockDate(instant: Date, timeZone: string): Date {
  const p = parts(instant, timeZone);
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)));
}

/** `2024-06-01 16:05` on the wall clock of `timeZone`. */
export function formatWallClock(instant: Date | string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  const p = parts(new Date(instant), timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
