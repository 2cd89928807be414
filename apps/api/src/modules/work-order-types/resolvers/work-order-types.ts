import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const code = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters').regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, `_` and `-` only');
const name = z.string().trim().min(1, 'is required').max(60, 'at most 60 characters');
const nameEn = z.string().trim().max(80, 'at most 80 characters').nullish().transform((value) => value ?? '');
const create = z.boolean().nullish().transform((value) => value ?? false);
const byCode = z.object({ code: z.string().trim().min(1, 'is required').max(40, 'at most 40 characters') });

export const workOrderCategories: QueryResolvers['workOrderCategories'] = (_parent, _args, context) => context.services.workOrderTypes.categories();

export const saveWorkOrderCategory: MutationResolvers['saveWorkOrderCategory'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ create, code, name, nameEn }), args.input);
  const outcome = await context.services.workOrderTypes.saveCategory(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, category: outcome.value } : { ok: false, error: outcome.error, category: null };
};

export const deleteWorkOrderCategory: MutationResolvers['deleteWorkOrderCategory'] = async (_parent, args, context) => {
  const input = parseInput(byCode, args.input);
  const outcome = await context.services.workOrderTypes.deleteCategory(context.viewer as ViewerRecord, input.code);
  return outcome.ok ? { ok: true, error: null, category: null } : { ok: false, error: outcome.error, category: null };
};

export const saveWorkOrderType: MutationResolvers['saveWorkOrderType'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ create, code, name, nameEn, categoryCode: code }), args.input);
  const outcome = await context.services.workOrderTypes.saveType(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, workOrderType: outcome.value } : { ok: false, error: outcome.error, workOrderType: null };
};

export const deleteWorkOrderType: MutationResolvers['deleteWorkOrderType'] = async (_parent, args, context) => {
  const input = parseInput(byCode, args.input);
  const outcome = await context.services.workOrderTypes.deleteType(context.viewer as ViewerRecord, input.code);
  return outcome.ok ? { ok: true, error: null, workOrderType: null } : { ok: false, error: outcome.error, workOrderType: null };
};
