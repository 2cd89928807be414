import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';

export const billingOperators: QueryResolvers['billingOperators'] = async (_parent, args, context) => {
  const { search } = parseInput(z.object({ search: optionalText(40) }), args);
  return (await context.services.billingOperators.list(context.viewer!, search)).map((row) => ({ ...row, staffId: String(row.staffId) }));
};

const setInput = z.object({
  staffNo: z.string().trim().min(1, 'is required').max(20, 'at most 20 characters'),
  level: z.enum(['NORMAL', 'SENIOR', 'SUPER']).nullish().transform((level) => level ?? null),
});

export const setBillingLevel: MutationResolvers['setBillingLevel'] = async (_parent, args, context) => {
  const input = parseInput(setInput, args.input);
  const outcome = await context.services.billingOperators.setLevel(context.viewer!, input.staffNo, input.level);
  if (!outcome.ok) return { ok: false, error: outcome.error, operator: null };
  return { ok: true, error: null, operator: outcome.value ? { ...outcome.value, staffId: String(outcome.value.staffId) } : null };
};
