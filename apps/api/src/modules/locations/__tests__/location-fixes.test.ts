import { describe, expect, it } from 'vitest';
import { judgeFixes, type RawFix } from '../location-fixes.ts';

const now = new Date('2026-11-02T01:00:00Z');
const rules = { now, maxSkewMs: 120_000, retentionDays: 30 };
const fix = (offsetMs: number, latitude = 23.1, longitude = 113.3, accuracy: number | null = 5): RawFix => ({ at: new Date(now.getTime() + offsetMs), latitude, longitude, accuracy });
const device = { id: 1, staffId: 7, active: true };

describe('judgeFixes', () => {
  it('keeps good fixes and names each bad one by index and reason', () => {
    const { accepted, rejected } = judgeFixes('D', device, [fix(0), fix(0, -90.01), fix(0, 23, 180.5), fix(0, Number.NaN), fix(121_000), fix(119_000), fix(-30 * 86_400_000 - 1), fix(-30 * 86_400_000 + 1000), fix(0, 1, 1, -3), { ...fix(0), at: new Date(Number.NaN) }], rules);
    expect(accepted).toHaveLength(3);
    expect(rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, 'OUT_OF_RANGE'],
      [2, 'OUT_OF_RANGE'],
      [3, 'OUT_OF_RANGE'],
      [4, 'IN_FUTURE'],
      [6, 'TOO_OLD'],
      [8, 'OUT_OF_RANGE'],
      [9, 'OUT_OF_RANGE'],
    ]);
    expect(rejected[3]!.message).toContain('121 s ahead');
  });

  it('accepts the edges of the ranges', () => {
    expect(judgeFixes('D', device, [fix(0, 90, 180), fix(0, -90, -180, 0), fix(0, 0, 0, null)], rules).accepted).toHaveLength(3);
  });

  it('refuses the whole batch of an unknown or switched-off device', () => {
    expect(judgeFixes('D', null, [fix(0), fix(0)], rules).rejected.map((r) => r.reason)).toEqual(['UNKNOWN_DEVICE', 'UNKNOWN_DEVICE']);
    const off = judgeFixes('D', { ...device, active: false }, [fix(0)], rules);
    expect(off).toEqual({ accepted: [], rejected: [{ index: 0, reason: 'INACTIVE_DEVICE', message: 'Device "D" is switched off.' }] });
  });
});
