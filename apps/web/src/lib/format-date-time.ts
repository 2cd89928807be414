const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Local time as `2026-11-22 16:30:05`: the same unambiguous, sortable shape in both languages
 * (operators compare times across rows; `11/22/2026, 4:30 PM` reads badly in a dense table).
 * `seconds: false` drops the seconds (`2026-11-22 16:30`) where deadlines fill several columns.
 */
export function formatDateTime(value: string | Date | null | undefined, { seconds = true }: { seconds?: boolean } = {}): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`
  );
}
