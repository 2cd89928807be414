import { z } from 'zod';

// zod pieces shared by list and query arguments.

/** Page size and cursor of a keyset-paginated list. */
export const pageArgs = {
  first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'),
  after: z.string().max(500, 'not a cursor of this list').nullish().transform((value) => value ?? null),
};

/** Optional text; trimmed, and empty counts as not given. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((value) => value || null);

export const optionalId = (what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `not a valid ${what} id`)
    .transform(Number)
    .nullish()
    .transform((value) => value ?? null);

/** A half-open time range; `to` must be later than `from`. */
export const timeRange = z
  .object({
    from: z.date().nullish().transform((value) => value ?? null),
    to: z.date().nullish().transform((value) => value ?? null),
  })
  .refine((range) => range.from === null || range.to === null || range.to > range.from, { message: 'must be later than `from`', path: ['to'] })
  .nullish()
  .transform((value) => value ?? null);

export const optionalFlag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);
