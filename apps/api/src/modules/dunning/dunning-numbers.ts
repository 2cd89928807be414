import type { DunningLineProblem, DunningNumber } from './dunning.types.ts';

export const MAX_DUNNING_NUMBERS = 10_000;
const PHONE = /^\+?\d{5,20}$/;
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/** A phone number as stored: digits with an optional leading +; null when it is not one. */
export function normalisePhone(text: string): string | null {
  const phone = text.trim();
  return PHONE.test(phone) ? phone : null;
}

/**
 * Reads a number list: one number per line, optionally white space and the amount owed. Blank lines
 * are skipped. Every bad line is reported with its line number (up to `maxProblems`), so the operator
 * can fix the whole list at once.
 */
export function parseDunningNumbers(text: string, maxProblems = 100): { numbers: DunningNumber[]; problems: DunningLineProblem[] } {
  const numbers: DunningNumber[] = [];
  const problems: DunningLineProblem[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  const problem = (line: number, raw: string, message: string) => {
    if (problems.length < maxProblems) problems.push({ line, text: raw.slice(0, 100), message });
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    if (fields.length > 2) return problem(line, raw, 'expected a phone number and at most an amount');
    const phone = normalisePhone(fields[0]);
    if (!phone) return problem(line, raw, `"${fields[0]}" is not a phone number (digits, optionally a leading +, 5–20 characters)`);
    let amount: string | null = null;
    if (fields.length === 2) {
      if (!AMOUNT.test(fields[1])) return problem(line, raw, `"${fields[1]}" is not an amount (e.g. 125.50)`);
      amount = Number(fields[1]).toFixed(2);
    }
    const earlier = firstLine.get(phone);
    if (earlier !== undefined) return problem(line, raw, `${phone} is already on line ${earlier}`);
    firstLine.set(phone, line);
    numbers.push({ phone, amount });
  });
  if (numbers.length > MAX_DUNNING_NUMBERS) problem(lines.length, '', `at most ${MAX_DUNNING_NUMBERS} numbers per schedule, got ${numbers.length}`);
  return { numbers, problems };
}

/** The reminder text for one number. */
export function renderDunningMessage(template: string, phone: string, amount: string | null): string {
  return template.replaceAll('{phone}', phone).replaceAll('{amount}', amount ?? '');
}

/**
 * When a number's next reminder is due after one went out at `now`: the first point of the
 * schedule's grid (startAt + k × period) after `now`. Staying on the grid keeps reminders evenly
 * spaced, and after downtime a number gets one catch-up reminder rather than a burst.
 */
export function nextGridPoint(startAt: Date, periodMinutes: number, now: Date): Date {
  const period = periodMinutes * 60_000;
  const elapsed = now.getTime() - startAt.getTime();
  const k = elapsed < 0 ? 0 : Math.floor(elapsed / period) + 1;
  return new Date(startAt.getTime() + k * period);
}
