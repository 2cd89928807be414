import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const code = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters').regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, `_` and `-` only');
/** As CRM sends it (crm-message.md): at most 64 characters, no spaces. */
const businessCode = z.string().trim().min(1, 'is required').max(64, 'at most 64 characters').regex(/^\S+$/, 'no spaces');
const reference = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters');
const name = z.string().trim().min(1, 'is required').max(60, 'at most 60 characters');
const nameEn = z.string().trim().max(80, 'at most 80 characters').nullish().transform((value) => value ?? '');
const description = z.string().trim().max(200, 'at most 200 characters').nullish().transform((value) => (value ? value : null));
const create = z.boolean().nullish().transform((value) => value ?? false);

export const iomWorkflows: QueryResolvers['iomWorkflows'] = (_parent, _args, context) => context.services.workflowMappings.iomWorkflows(context.viewer as ViewerRecord);

export const businessWorkflows: QueryResolvers['businessWorkflows'] = (_parent, _args, context) => context.services.workflowMappings.businessWorkflows(context.viewer as ViewerRecord);

export const saveIomWorkflow: MutationResolvers['saveIomWorkflow'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ create, code, name, nameEn, description, templateCode: reference }), args.input);
  const outcome = await context.services.workflowMappings.saveIomWorkflow(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, iomWorkflow: outcome.value } : { ok: false, error: outcome.error, iomWorkflow: null };
};

export const deleteIomWorkflow: MutationResolvers['deleteIomWorkflow'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ code: reference }), args.input);
  const outcome = await context.services.workflowMappings.deleteIomWorkflow(context.viewer as ViewerRecord, input.code);
  return outcome.ok ? { ok: true, error: null, iomWorkflow: null } : { ok: false, error: outcome.error, iomWorkflow: null };
};

export const saveBusinessWorkflow: MutationResolvers['saveBusinessWorkflow'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ create, businessCode, name, nameEn, description, iomWorkflowCode: reference }), args.input);
  const outcome = await context.services.workflowMappings.saveBusinessWorkflow(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, businessWorkflow: outcome.value } : { ok: false, error: outcome.error, businessWorkflow: null };
};

export const deleteBusinessWorkflow: MutationResolvers['deleteBusinessWorkflow'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ businessCode: z.string().trim().min(1, 'is required').max(64, 'at most 64 characters') }), args.input);
  const outcome = await context.services.workflowMappings.deleteBusinessWorkflow(context.viewer as ViewerRecord, input.businessCode);
  return outcome.ok ? { ok: true, error: null, businessWorkflow: null } : { ok: false, error: outcome.error, businessWorkflow: null };
};
