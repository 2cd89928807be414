import { describe, expect, it } from 'vitest';
import { PhoneSet } from '../phone-set.ts';

describe('phone set', () => {
  it('answers the first line of a number seen before, across growth, keeping leading zeros apart', () => {
    const set = new PhoneSet(8);
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (set.add(Number(`1${13_800_000_000 + i * 3}`), i + 1) !== 0) repeats++;
    expect(repeats).toBe(0);
    expect(set.size).toBe(200_000);
    expect(set.add(Number('113800000000'), 9)).toBe(1);
    expect(set.add(Number(`1${13_800_000_000 + 199_999 * 3}`), 9)).toBe(200_000);
    expect(set.add(Number('100123'), 5)).toBe(0);
    expect(set.add(Number('10123'), 6)).toBe(0);
    expect(set.add(Number('1999999999999999'), 7)).toBe(0);
    expect(set.add(Number('1999999999999999'), 8)).toBe(7);
    expect(set.size).toBe(200_003);
  });
});
