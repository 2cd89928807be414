import { z } from 'zod';
import type { DispatchSuggestionResolvers, DispatchTeamMemberResolvers, DispatchTeamResolvers, MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { optionalId, optionalText, pageArgs } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);

const todoArgs = z.object({
  ...pageArgs,
  filter: z
    .object({ areaId: optionalId('organisation'), search: optionalText(100) })
    .nullish()
    .transform((filter) => filter ?? { areaId: null, search: null }),
});

export const dispatchCenterTodo: QueryResolvers['dispatchCenterTodo'] = (_parent, rawArgs, context) => {
  const args = parseInput(todoArgs, rawArgs);
  return context.services.dispatchCenter.todo(context.viewer as ViewerRecord, args.filter, args.first, args.after);
};

export const dispatchSuggestion: QueryResolvers['dispatchSuggestion'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ workOrderId: id('work order') }), rawArgs);
  return context.services.dispatchCenter.suggestion(context.viewer as ViewerRecord, args.workOrderId);
};

const assignInput = z.object({
  workOrderId: id('work order'),
  appointmentAt: z.date({ message: 'must be a date and time' }),
  teamId: id('team'),
  handlers: z
    .array(
      z.object({
        stepCode: z.string().trim().min(1, 'is required').max(40, 'at most 40 characters'),
        teamId: optionalId('team'),
        positionId: optionalId('position'),
        staffId: optionalId('staff'),
      }),
    )
    .max(20, 'at most 20 handlers'),
});

export const assignDispatchCenterWorkOrder: MutationResolvers['assignDispatchCenterWorkOrder'] = async (_parent, args, context) => {
  const input = parseInput(assignInput, args.input);
  const outcome = await context.services.dispatchCenter.assign(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, workOrder: outcome.value } : { ok: false, error: outcome.error, workOrder: null };
};

export const DispatchSuggestion: DispatchSuggestionResolvers = {
  suggestedTeamId: (suggestion) => (suggestion.suggestedTeamId === null ? null : String(suggestion.suggestedTeamId)),
};

export const DispatchTeam: DispatchTeamResolvers = {
  id: (team) => String(team.id),
  organisation: (team, _args, context) => loadRequired(context.loaders.organisationById, team.organisationId, 'Organisation'),
  position: (team, _args, context) => loadRequired(context.loaders.positionById, team.positionId, 'Position'),
};

export const DispatchTeamMember: DispatchTeamMemberResolvers = {
  staff: (member, _args, context) => loadRequired(context.loaders.staffById, member.staffId, 'Staff'),
};

/** The dispatch center's root fields, merged into the contract's resolvers (see graphql/resolvers.ts). */
export const dispatchCenterQuery = { dispatchCenterTodo, dispatchSuggestion };
export const dispatchCenterMutation = { assignDispatchCenterWorkOrder };
