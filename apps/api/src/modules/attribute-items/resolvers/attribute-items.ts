import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { optionalId, optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { Outcome } from '../../../lib/refusal.ts';
import type { AttributeItemRecord } from '../attribute-items.types.ts';

const listArgs = z.object({
  filter: z
    .object({ businessCode: optionalText(40), search: optionalText(60) })
    .nullish()
    .transform((filter) => filter ?? { businessCode: null, search: null }),
});

export const attributeItems: QueryResolvers['attributeItems'] = (_parent, rawArgs, context) => context.services.attributeItems.list(parseInput(listArgs, rawArgs).filter);

const optional = (max: number) => z.string().trim().max(max, `at most ${max} characters`).nullish().transform((value) => value ?? '');
const saveInput = z.object({
  id: optionalId('attribute item'),
  code: z.string().trim().min(1, 'is required').max(60, 'at most 60 characters').regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, `_`, `-` and `.` only'),
  name: z.string().trim().min(1, 'is required').max(60, 'at most 60 characters'),
  nameEn: optional(80),
  valueType: z.enum(['TEXT', 'NUMBER', 'DATE', 'BOOLEAN']),
  businessCode: optional(40),
  required: z.boolean(),
  description: optional(200),
});

const result = (outcome: Outcome<AttributeItemRecord | null>) => (outcome.ok ? { ok: true, error: null, attributeItem: outcome.value } : { ok: false, error: outcome.error, attributeItem: null });

export const saveAttributeItem: MutationResolvers['saveAttributeItem'] = async (_parent, args, context) => result(await context.services.attributeItems.save(context.viewer!, parseInput(saveInput, args.input)));

export const deleteAttributeItem: MutationResolvers['deleteAttributeItem'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ id: z.string().regex(/^\d{1,9}$/, 'not a valid attribute item id').transform(Number) }), args.input);
  return result(await context.services.attributeItems.delete(context.viewer!, input.id));
};
