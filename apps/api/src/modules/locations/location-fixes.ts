/** One fix as a device sent it (the API has checked only its shape). */
export interface RawFix {
  at: Date;
  latitude: number;
  longitude: number;
  accuracy: number | null;
}

export type RejectionReason = 'OUT_OF_RANGE' | 'IN_FUTURE' | 'TOO_OLD' | 'UNKNOWN_DEVICE' | 'INACTIVE_DEVICE';

export interface Rejection {
  index: number;
  reason: RejectionReason;
  message: string;
}

/** The device a batch claims to come from, as the database knows it (null: not registered to the reporter). */
export interface DeviceState {
  id: number;
  staffId: number;
  active: boolean;
}

export interface FixRules {
  now: Date;
  /** How far ahead of `now` a fix may be taken (ms). */
  maxSkewMs: number;
  /** Fixes taken before `now − retentionDays` would be purged at once: refused. */
  retentionDays: number;
}

/**
 * Sorts a batch into fixes to store and refusals (index in the batch + reason). A device that is
 * unknown or switched off refuses every fix; otherwise each fix is judged on its own, so one bad
 * fix never costs the rest of the batch.
 */
export function judgeFixes(deviceCode: string, device: DeviceState | null, fixes: readonly RawFix[], rules: FixRules): { accepted: RawFix[]; rejected: Rejection[] } {
  if (!device) return { accepted: [], rejected: fixes.map((_, index) => ({ index, reason: 'UNKNOWN_DEVICE' as const, message: `Device "${deviceCode}" is not registered to you.` })) };
  if (!device.active) return { accepted: [], rejected: fixes.map((_, index) => ({ index, reason: 'INACTIVE_DEVICE' as const, message: `Device "${deviceCode}" is switched off.` })) };
  const latest = rules.now.getTime() + rules.maxSkewMs;
  const oldest = rules.now.getTime() - rules.retentionDays * 86_400_000;
  const accepted: RawFix[] = [];
  const rejected: Rejection[] = [];
  fixes.forEach((fix, index) => {
    const at = fix.at.getTime();
    if (!(Number.isFinite(fix.latitude) && fix.latitude >= -90 && fix.latitude <= 90)) rejected.push({ index, reason: 'OUT_OF_RANGE', message: `latitude ${fix.latitude} is outside −90 to 90.` });
    else if (!(Number.isFinite(fix.longitude) && fix.longitude >= -180 && fix.longitude <= 180)) rejected.push({ index, reason: 'OUT_OF_RANGE', message: `longitude ${fix.longitude} is outside −180 to 180.` });
    else if (fix.accuracy !== null && !(Number.isFinite(fix.accuracy) && fix.accuracy >= 0)) rejected.push({ index, reason: 'OUT_OF_RANGE', message: `accuracy ${fix.accuracy} is not 0 or more metres.` });
    else if (!Number.isFinite(at)) rejected.push({ index, reason: 'OUT_OF_RANGE', message: 'at is not a date and time.' });
    else if (at > latest) rejected.push({ index, reason: 'IN_FUTURE', message: `at ${fix.at.toISOString()} is ${Math.round((at - rules.now.getTime()) / 1000)} s ahead of the server's clock (at most ${rules.maxSkewMs / 1000} s allowed).` });
    else if (at < oldest) rejected.push({ index, reason: 'TOO_OLD', message: `at ${fix.at.toISOString()} is older than the ${rules.retentionDays}-day retention.` });
    else accepted.push(fix);
  });
  return { accepted, rejected };
}
