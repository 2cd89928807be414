import { describe, expect, it } from 'vitest';
import { delayUntil } from '../hooks/use-live-supervision';

describe('delayUntil', () => {
  it('measures on the server clock, with a small margin past the crossing', () => {
    expect(delayUntil('2026-03-03T13:00:00.000Z', '2026-03-03T12:59:00.000Z')).toBe(60_250);
  });
  it('is at once for a crossing already passed, and null without one', () => {
    expect(delayUntil('2026-03-03T12:00:00.000Z', '2026-03-03T12:59:00.000Z')).toBe(250);
    expect(delayUntil(null, '2026-03-03T12:59:00.000Z')).toBeNull();
  });
  it('never exceeds what setTimeout can hold', () => {
    expect(delayUntil('2027-03-03T12:00:00.000Z', '2026-03-03T12:00:00.000Z')).toBe(2 ** 31 - 1);
  });
});
