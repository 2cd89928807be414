import { describe, expect, it } from 'vitest';
import { nextGridPoint, parseDunningNumbers, renderDunningMessage } from '../dunning-numbers.ts';

describe('dunning number lists', () => {
  it('reads one number per line with an optional amount, skipping blank lines', () => {
    expect(parseDunningNumbers('13800138000 12.5\n\n  +8613900139000\t7\r\n')).toEqual({
      numbers: [
        { phone: '13800138000', amount: '12.50' },
        { phone: '+8613900139000', amount: '7.00' },
      ],
      problems: [],
    });
  });
  it('names every bad line', () => {
    const { problems } = parseDunningNumbers('12\n13800138000 -1\n13800138000 1\n13800138000');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, '"12" is not a phone number (digits, optionally a leading +, 5–20 characters)'],
      [2, '"-1" is not an amount (e.g. 125.50)'],
      [4, '13800138000 is already on line 3'],
    ]);
  });
  it('fills the template', () => {
    expect(renderDunningMessage('{phone}: {amount} / {amount}', '138', '1.00')).toBe('138: 1.00 / 1.00');
  });
  it('keeps reminders on the schedule grid, one catch-up after downtime', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(nextGridPoint(start, 60, new Date('2026-01-01T00:00:05Z'))).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(nextGridPoint(start, 60, new Date('2026-01-01T01:00:00Z'))).toEqual(new Date('2026-01-01T02:00:00Z'));
    expect(nextGridPoint(start, 60, new Date('2026-01-01T05:30:00Z'))).toEqual(new Date('2026-01-01T06:00:00Z'));
  });
});
