import { z } from 'zod';
import type { DispatchPreviewResolvers, DispatchRuleResolvers, MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { optionalId, optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
const typeCode = optionalText(40);

const listArgs = z.object({
  filter: z
    .object({ organisationId: optionalId('organisation'), workOrderType: typeCode, positionId: optionalId('position') })
    .nullish()
    .transform((filter) => filter ?? { organisationId: null, workOrderType: null, positionId: null }),
});

export const dispatchRules: QueryResolvers['dispatchRules'] = (_parent, rawArgs, context) => {
  const { filter } = parseInput(listArgs, rawArgs);
  return context.services.dispatchRules.list(context.viewer as ViewerRecord, { organisationId: filter.organisationId, workOrderTypeCode: filter.workOrderType, positionId: filter.positionId });
};

export const dispatchPreview: QueryResolvers['dispatchPreview'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ organisationId: id('organisation'), workOrderType: typeCode }), rawArgs);
  return context.services.dispatchRules.preview(context.viewer as ViewerRecord, args.organisationId, args.workOrderType);
};

const saveInput = z.object({ id: optionalId('dispatch rule'), organisationId: id('organisation'), workOrderType: typeCode, positionId: id('position') });

export const saveDispatchRule: MutationResolvers['saveDispatchRule'] = async (_parent, args, context) => {
  const input = parseInput(saveInput, args.input);
  const outcome = await context.services.dispatchRules.save(context.viewer as ViewerRecord, { id: input.id, organisationId: input.organisationId, workOrderTypeCode: input.workOrderType, positionId: input.positionId });
  return outcome.ok ? { ok: true, error: null, rule: outcome.rule } : { ok: false, error: outcome.error, rule: null };
};

export const deleteDispatchRule: MutationResolvers['deleteDispatchRule'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ id: id('dispatch rule') }), args.input);
  const outcome = await context.services.dispatchRules.delete(context.viewer as ViewerRecord, input.id);
  return outcome.ok ? { ok: true, error: null, rule: null } : { ok: false, error: outcome.error, rule: null };
};

export const DispatchRule: DispatchRuleResolvers = {
  id: (rule) => String(rule.id),
  organisation: (rule, _args, context) => loadRequired(context.loaders.organisationById, rule.organisationId, 'Organisation'),
  workOrderType: (rule, _args, context) => (rule.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(rule.workOrderTypeCode)),
  position: (rule, _args, context) => loadRequired(context.loaders.positionById, rule.positionId, 'Position'),
};

export const DispatchPreview: DispatchPreviewResolvers = {
  organisation: (preview, _args, context) => loadRequired(context.loaders.organisationById, preview.organisationId, 'Organisation'),
  workOrderType: (preview, _args, context) => (preview.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(preview.workOrderTypeCode)),
  position: (preview, _args, context) => (preview.rule === null ? null : loadRequired(context.loaders.positionById, preview.rule.positionId, 'Position')),
};
