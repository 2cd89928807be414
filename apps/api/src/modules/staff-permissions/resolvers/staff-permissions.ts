import { z } from 'zod';
import type { MutationResolvers, QueryResolvers, StaffPermissionsResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { Outcome } from '../../../lib/refusal.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import type { StaffPermissionsRecord } from '../staff-permissions.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
const ids = (what: string, max: number) => z.array(id(what)).max(max, `at most ${max}`).nullish().transform((value) => value ?? null);

export const staffPermissions: QueryResolvers['staffPermissions'] = (_parent, args, context) =>
  context.services.staffPermissions.get(context.viewer as ViewerRecord, parseInput(z.object({ staffId: id('staff') }), args).staffId);

const setInput = z.object({
  staffId: id('staff'),
  menus: z
    .array(z.object({ menuCode: z.string().trim().min(1, 'is required').max(60, 'at most 60 characters'), operate: z.boolean() }))
    .max(300, 'at most 300 menus')
    .nullish()
    .transform((value) => value ?? null),
  organisationIds: ids('organisation', 200),
  workOrderPositionIds: ids('position', 200),
});

const result = (outcome: Outcome<StaffPermissionsRecord>) => (outcome.ok ? { ok: true, error: null, permissions: outcome.value } : { ok: false, error: outcome.error, permissions: null });

export const setStaffPermissions: MutationResolvers['setStaffPermissions'] = async (_parent, args, context) =>
  result(await context.services.staffPermissions.set(context.viewer as ViewerRecord, parseInput(setInput, args.input)));

export const copyStaffPermissions: MutationResolvers['copyStaffPermissions'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ fromStaffId: id('staff'), toStaffId: id('staff') }), args.input);
  return result(await context.services.staffPermissions.copy(context.viewer as ViewerRecord, input.fromStaffId, input.toStaffId));
};

export const StaffPermissions: StaffPermissionsResolvers = {
  staff: async (record, _args, context) => {
    const staff = await context.loaders.staffById.load(record.staffId);
    if (!staff) throw new Error(`staff ${record.staffId} vanished`);
    return staff;
  },
  menus: (record) => record.menus,
  organisations: async (record, _args, context) => present(await context.loaders.organisationById.loadMany(record.organisationIds)),
  workOrderPositions: async (record, _args, context) => present(await context.loaders.positionById.loadMany(record.workOrderPositionIds)),
};

/** The rows a loader found (a row deleted meanwhile is left out). */
function present<T>(rows: (T | null | Error)[]): T[] {
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}
