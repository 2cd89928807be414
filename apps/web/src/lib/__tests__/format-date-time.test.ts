import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../format-date-time';

describe('formatDateTime', () => {
  it('writes local time in one sortable shape, optionally without seconds', () => {
    const local = new Date(2026, 10, 2, 9, 5, 7);
    expect(formatDateTime(local)).toBe('2026-11-02 09:05:07');
    expect(formatDateTime(local, { seconds: false })).toBe('2026-11-02 09:05');
    expect(formatDateTime(local.toISOString())).toBe('2026-11-02 09:05:07');
  });

  it('writes nothing for no or an invalid time', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('not a time')).toBe('');
  });
});
