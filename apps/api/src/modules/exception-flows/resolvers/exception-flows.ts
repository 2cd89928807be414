import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const code = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters').regex(/^[A-Z0-9_]+$/, 'A–Z, 0–9 and `_` only');
const stepCode = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters');
const create = z.boolean().nullish().transform((value) => value ?? false);

const typeInput = z.object({
  create,
  code,
  name: z.string().trim().min(1, 'is required').max(60, 'at most 60 characters'),
  nameEn: z.string().trim().max(80, 'at most 80 characters').nullish().transform((value) => value ?? ''),
  description: z.string().trim().max(300, 'at most 300 characters').nullish().transform((value) => value || null),
});

const flowsInput = z.object({
  templateCode: stepCode,
  baseTemplateId: z.coerce.number().int().positive().nullish().transform((value) => value ?? null),
  routes: z.array(z.object({ from: stepCode, exceptionType: stepCode, to: stepCode })).max(500),
});

export const exceptionTypes: QueryResolvers['exceptionTypes'] = (_parent, _args, context) => context.services.exceptionFlows.exceptionTypes(context.viewer as ViewerRecord);

export const exceptionFlowBusinesses: QueryResolvers['exceptionFlowBusinesses'] = (_parent, _args, context) => context.services.exceptionFlows.businesses(context.viewer as ViewerRecord);

export const exceptionFlows: QueryResolvers['exceptionFlows'] = (_parent, args, context) =>
  context.services.exceptionFlows.flows(context.viewer as ViewerRecord, { businessCode: args.businessCode, templateCode: args.templateCode });

export const saveExceptionType: MutationResolvers['saveExceptionType'] = async (_parent, args, context) => {
  const input = parseInput(typeInput, args.input);
  const outcome = await context.services.exceptionFlows.saveExceptionType(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, exceptionType: outcome.value } : { ok: false, error: outcome.error, exceptionType: null };
};

export const deleteExceptionType: MutationResolvers['deleteExceptionType'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ code: stepCode }), args.input);
  const outcome = await context.services.exceptionFlows.deleteExceptionType(context.viewer as ViewerRecord, input.code);
  return outcome.ok ? { ok: true, error: null, exceptionType: null } : { ok: false, error: outcome.error, exceptionType: null };
};

export const saveExceptionFlows: MutationResolvers['saveExceptionFlows'] = async (_parent, args, context) => {
  const input = parseInput(flowsInput, args.input);
  const outcome = await context.services.exceptionFlows.saveFlows(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, problems: [], flows: outcome.flows } : { ok: false, error: outcome.error, problems: outcome.problems, flows: null };
};
