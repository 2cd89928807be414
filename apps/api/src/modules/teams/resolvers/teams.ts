import { z } from 'zod';
import type { MutationResolvers, QueryResolvers, TeamMemberResolvers, TeamResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { optionalId, optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const listArgs = z.object({
  filter: z
    .object({ organisationId: optionalId('organisation'), search: optionalText(60), includeInactive: z.boolean().nullish() })
    .nullish()
    .transform((filter) => ({ organisationId: filter?.organisationId ?? null, search: filter?.search ?? null, includeInactive: filter?.includeInactive ?? false })),
});

export const teams: QueryResolvers['teams'] = (_parent, rawArgs, context) => {
  const { filter } = parseInput(listArgs, rawArgs);
  return context.services.teams.list(context.viewer as ViewerRecord, filter);
};

export const myTeams: QueryResolvers['myTeams'] = (_parent, _args, context) => context.services.teams.mine(context.viewer as ViewerRecord);

export const teamStaffChoices: QueryResolvers['teamStaffChoices'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ teamId: id('team'), search: optionalText(40) }), rawArgs);
  return context.services.teams.staffChoices(context.viewer as ViewerRecord, args.teamId, args.search);
};

const saveInput = z.object({
  id: optionalId('team'),
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" and "-", at most 40 characters'),
  name: text(60),
  nameEn: z.string().trim().max(60, 'at most 60 characters').nullish().transform((value) => value ?? ''),
  organisationId: id('organisation'),
});

export const saveTeam: MutationResolvers['saveTeam'] = (_parent, args, context) => context.services.teams.save(context.viewer as ViewerRecord, parseInput(saveInput, args.input));

export const deleteTeam: MutationResolvers['deleteTeam'] = (_parent, args, context) => context.services.teams.delete(context.viewer as ViewerRecord, parseInput(z.object({ id: id('team') }), args.input).id);

const memberInput = z.object({ teamId: id('team'), staffId: id('staff'), leader: z.boolean().nullish().transform((value) => value ?? false) });

export const addTeamMember: MutationResolvers['addTeamMember'] = (_parent, args, context) => {
  const input = parseInput(memberInput, args.input);
  return context.services.teams.addMember(context.viewer as ViewerRecord, input.teamId, input.staffId, input.leader);
};

export const removeTeamMember: MutationResolvers['removeTeamMember'] = (_parent, args, context) => {
  const input = parseInput(memberInput, args.input);
  return context.services.teams.removeMember(context.viewer as ViewerRecord, input.teamId, input.staffId);
};

export const setStaffActive: MutationResolvers['setStaffActive'] = (_parent, args, context) => {
  const input = parseInput(z.object({ staffId: id('staff'), active: z.boolean() }), args.input);
  return context.services.teams.setStaffActive(context.viewer as ViewerRecord, input.staffId, input.active);
};

export const syncTeamAccounts: MutationResolvers['syncTeamAccounts'] = (_parent, _args, context) => context.services.accountSync.sync(context.viewer as ViewerRecord);

export const Team: TeamResolvers = {
  id: (team) => String(team.id),
  organisation: (team, _args, context) => loadRequired(context.loaders.organisationById, team.organisationId, 'Organisation'),
  position: (team, _args, context) => loadRequired(context.loaders.positionById, team.positionId, 'Position'),
  leader: (team, _args, context) => {
    const leader = team.members.find((member) => member.leader);
    return leader ? loadRequired(context.loaders.staffById, leader.staffId, 'Staff') : null;
  },
};

export const TeamMember: TeamMemberResolvers = {
  staff: (member, _args, context) => loadRequired(context.loaders.staffById, member.staffId, 'Staff'),
};
