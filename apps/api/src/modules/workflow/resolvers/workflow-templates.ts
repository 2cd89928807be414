import { z } from 'zod';
import type { GraphQLContext } from '../../../context.ts';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import type { SaveTemplateResult } from '../template-editor.service.ts';

const id = z.string().regex(/^\d{1,9}$/, 'not a valid template id').transform(Number);

type VersionRow = Awaited<ReturnType<GraphQLContext['services']['templateEditor']['list']>>[number];
const version = ({ _count, ...row }: VersionRow) => ({ ...row, id: String(row.id), orderCount: _count.orders });

export const workflowTemplates: QueryResolvers['workflowTemplates'] = async (_parent, _args, context) => (await context.services.templateEditor.list(context.viewer as ViewerRecord)).map(version);

export const workflowTemplateGraph: QueryResolvers['workflowTemplateGraph'] = async (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ id }), rawArgs);
  const graph = await context.services.templateEditor.graph(context.viewer as ViewerRecord, args.id);
  return { ...graph, id: String(graph.id) };
};

export const validateWorkflowTemplate: QueryResolvers['validateWorkflowTemplate'] = (_parent, args, context) => context.services.templateEditor.validate(context.viewer as ViewerRecord, args.input);

export const workflowTemplateDiff: QueryResolvers['workflowTemplateDiff'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ fromId: id, toId: id }), rawArgs);
  return context.services.templateEditor.diff(context.viewer as ViewerRecord, args.fromId, args.toId);
};

export const exportWorkflowTemplate: QueryResolvers['exportWorkflowTemplate'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ id }), rawArgs);
  return context.services.templateEditor.exportJson(context.viewer as ViewerRecord, args.id);
};

async function saved(result: SaveTemplateResult, context: GraphQLContext) {
  if (!result.ok) return { ok: false, problems: result.problems, template: null };
  const row = (await context.services.templateEditor.list(context.viewer as ViewerRecord)).find((candidate) => candidate.id === result.templateId);
  return { ok: true, problems: [], template: row ? version(row) : null };
}

export const saveWorkflowTemplateVersion: MutationResolvers['saveWorkflowTemplateVersion'] = async (_parent, args, context) =>
  saved(await context.services.templateEditor.saveVersion(context.viewer as ViewerRecord, args.input), context);

export const importWorkflowTemplate: MutationResolvers['importWorkflowTemplate'] = async (_parent, args, context) => {
  const { json } = parseInput(z.object({ json: z.string().max(1_000_000, 'at most 1 MB') }), args);
  return saved(await context.services.templateEditor.importJson(context.viewer as ViewerRecord, json), context);
};
