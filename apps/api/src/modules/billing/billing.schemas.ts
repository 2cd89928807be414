import { z } from 'zod';
import { BILL_ENCODINGS } from './bill-parser.ts';

/** A billing month, `YYYY-MM`. */
export const billingMonth = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM, e.g. 2026-11');
export const phone = z.string().trim().regex(/^\d{5,15}$/, 'must be 5–15 digits');
/** An amount as typed: up to 10 digits before the point, 2 after; negative is a credit. */
export const amount = z.string().trim().regex(/^-?\d{1,10}(\.\d{1,2})?$/, 'must be a number with at most 2 decimal places, e.g. 128.50');

const count = (what: string, min: number, max: number) => z.number().int(`${what} must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const optionalCount = (what: string, min: number, max: number) => count(what, min, max).nullish().transform((value) => value ?? null);

/** A bill format's layout fields; what each kind needs is checked by `checkSpec`. */
export const specFields = z.object({
    kind: z.enum(['DELIMITED', 'FIXED_WIDTH']),
    encoding: z.enum(BILL_ENCODINGS, { message: `must be one of ${BILL_ENCODINGS.join(', ')}` }),
    headerLines: count('header lines', 0, 100),
    separator: z.string().max(5, 'at most 5 characters').nullish().transform((value) => (value ? value : null)),
    phoneColumn: optionalCount('phone column', 1, 100),
    amountColumn: optionalCount('amount column', 1, 100),
    recordLength: optionalCount('record length', 1, 4096),
    phoneOffset: optionalCount('phone offset', 0, 4095),
    phoneLength: optionalCount('phone length', 1, 15),
    amountOffset: optionalCount('amount offset', 0, 4095),
    amountLength: optionalCount('amount length', 1, 20),
    amountScale: count('amount scale', 0, 2),
});

type Spec = z.output<typeof specFields>;

export function checkSpec(spec: Spec, ctx: z.RefinementCtx): void {
    const need = (field: keyof typeof spec, why: string) => {
      if (spec[field] === null) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${why}` });
    };
    if (spec.kind === 'DELIMITED') {
      need('phoneColumn', 'a delimited format');
      need('amountColumn', 'a delimited format');
      if (spec.phoneColumn !== null && spec.phoneColumn === spec.amountColumn) ctx.addIssue({ code: 'custom', path: ['amountColumn'], message: 'must differ from the phone column' });
    } else {
      for (const field of ['phoneOffset', 'phoneLength', 'amountOffset', 'amountLength'] as const) need(field, 'a fixed-width format');
      if (spec.phoneOffset !== null && spec.phoneLength !== null && spec.amountOffset !== null && spec.amountLength !== null) {
        const overlap = spec.phoneOffset < spec.amountOffset + spec.amountLength && spec.amountOffset < spec.phoneOffset + spec.phoneLength;
        if (overlap) ctx.addIssue({ code: 'custom', path: ['amountOffset'], message: 'the amount overlaps the phone number' });
        const end = Math.max(spec.phoneOffset + spec.phoneLength, spec.amountOffset + spec.amountLength);
        if (spec.recordLength !== null && end > spec.recordLength) ctx.addIssue({ code: 'custom', path: ['recordLength'], message: `is ${spec.recordLength} bytes but the fields end at byte ${end}` });
      }
    }
  }

export const formatSpec = specFields.superRefine(checkSpec);
