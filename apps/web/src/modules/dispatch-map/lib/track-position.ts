/** One point of a track, `time` in ms since the epoch. */
export interface TimedPoint {
  time: number;
  latitude: number;
  longitude: number;
}

/**
 * Where a staff member was at `time` on a track sorted by time: linear between the two fixes around
 * it, the first fix before the track starts (they are not shown yet: null), the last after it ends.
 */
export function positionAt(points: readonly TimedPoint[], time: number): { latitude: number; longitude: number } | null {
  if (points.length === 0 || time < points[0]!.time) return null;
  const last = points[points.length - 1]!;
  if (time >= last.time) return { latitude: last.latitude, longitude: last.longitude };
  // Binary search for the last point at or before `time`.
  let low = 0;
  let high = points.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (points[mid]!.time <= time) low = mid;
    else high = mid;
  }
  const a = points[low]!;
  const b = points[high]!;
  const f = b.time === a.time ? 0 : (time - a.time) / (b.time - a.time);
  return { latitude: a.latitude + (b.latitude - a.latitude) * f, longitude: a.longitude + (b.longitude - a.longitude) * f };
}

/** Playback speeds offered (× real time). */
export const PLAYBACK_SPEEDS = [10, 60, 300, 1200] as const;
