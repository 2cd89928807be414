import { z } from 'zod';

export const staffListArgs = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'),
  after: z.string().max(500).nullish().transform((value) => value ?? null),
  sortBy: z.enum(['STAFF_NO', 'NAME']),
  sortDirection: z.enum(['ASC', 'DESC']),
  filter: z
    .object({
      organisationId: z.string().regex(/^\d+$/, 'not a valid organisation id').transform(Number).nullish(),
      search: z.string().trim().max(100, 'at most 100 characters').nullish(),
    })
    .nullish(),
});
