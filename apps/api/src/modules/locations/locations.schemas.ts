import { z } from 'zod';
import type { RawFix } from './location-fixes.ts';
import { MAX_FIXES_PER_REPORT } from './locations.service.ts';

export const deviceCode = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'at most 64 characters')
  .regex(/^\S+$/, 'no whitespace');

/**
 * A report's envelope. The fixes themselves are only read here, never refused as a whole: a value
 * that is not a number or a date becomes NaN / an invalid date, which the rules refuse for that fix
 * alone (OUT_OF_RANGE), so one bad fix never costs the batch.
 */
export const reportEnvelope = z.object({
  deviceCode,
  fixes: z.array(z.unknown()).min(1, 'at least one fix').max(MAX_FIXES_PER_REPORT, `at most ${MAX_FIXES_PER_REPORT} fixes per report`),
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One fix of a report, read leniently (see `reportEnvelope`). `at` must be ISO 8601 with a zone. */
export function readFix(value: unknown): RawFix {
  const fix = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const number = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const at = fix.at instanceof Date ? fix.at : typeof fix.at === 'string' && ISO_DATE_TIME.test(fix.at) ? new Date(fix.at) : new Date(Number.NaN);
  return { at, latitude: number(fix.latitude), longitude: number(fix.longitude), accuracy: fix.accuracy === undefined || fix.accuracy === null ? null : number(fix.accuracy) };
}
