import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { optionalId, optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
const code = z.string().trim().min(1, 'is required').max(40, 'at most 40 characters').regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, `_`, `-` and `.` only');
const name = z.string().trim().min(1, 'is required').max(60, 'at most 60 characters');
const nameEn = z.string().trim().max(80, 'at most 80 characters').nullish().transform((value) => value ?? '');
const kind = z.enum(['SYSTEM_ADMIN', 'WORK_ORDER', 'GENERAL']);

export const positionTypes: QueryResolvers['positionTypes'] = (_parent, _args, context) => context.services.positionsAdmin.types(context.viewer as ViewerRecord);

const listArgs = z.object({
  filter: z
    .object({ organisationId: optionalId('organisation'), search: optionalText(60), positionTypeId: optionalId('position type'), kind: kind.nullish().transform((value) => value ?? null) })
    .nullish()
    .transform((filter) => filter ?? { organisationId: null, search: null, positionTypeId: null, kind: null }),
});

export const managedPositions: QueryResolvers['managedPositions'] = (_parent, rawArgs, context) =>
  context.services.positionsAdmin.positions(context.viewer as ViewerRecord, parseInput(listArgs, rawArgs).filter);

const typeInput = z.object({
  id: optionalId('position type'),
  code,
  name,
  nameEn,
  kind,
  menus: z.array(z.string().trim().min(1).max(60)).max(200, 'at most 200 menus'),
  applyMenusToHolders: z.boolean().nullish().transform((value) => value ?? false),
});

export const savePositionType: MutationResolvers['savePositionType'] = async (_parent, args, context) => {
  const outcome = await context.services.positionsAdmin.saveType(context.viewer as ViewerRecord, parseInput(typeInput, args.input));
  return outcome.ok ? { ok: true, error: null, positionType: outcome.value } : { ok: false, error: outcome.error, positionType: null };
};

export const deletePositionType: MutationResolvers['deletePositionType'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ id: id('position type') }), args.input);
  const outcome = await context.services.positionsAdmin.deleteType(context.viewer as ViewerRecord, input.id);
  return outcome.ok ? { ok: true, error: null, positionType: null } : { ok: false, error: outcome.error, positionType: null };
};

const positionInput = z.object({ id: optionalId('position'), code, name, nameEn, organisationId: id('organisation'), positionTypeId: id('position type') });

export const savePosition: MutationResolvers['savePosition'] = async (_parent, args, context) => {
  const outcome = await context.services.positionsAdmin.savePosition(context.viewer as ViewerRecord, parseInput(positionInput, args.input));
  return outcome.ok ? { ok: true, error: null, position: outcome.value } : { ok: false, error: outcome.error, position: null };
};

export const deletePosition: MutationResolvers['deletePosition'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ id: id('position') }), args.input);
  const outcome = await context.services.positionsAdmin.deletePosition(context.viewer as ViewerRecord, input.id);
  return outcome.ok ? { ok: true, error: null, position: null } : { ok: false, error: outcome.error, position: null };
};

const assignInput = z.object({ staffId: id('staff'), positionIds: z.array(id('position')).max(50, 'at most 50 positions'), generateDefaultPermissions: z.boolean().nullish().transform((value) => value ?? true) });

export const assignStaffPositions: MutationResolvers['assignStaffPositions'] = async (_parent, args, context) => {
  const input = parseInput(assignInput, args.input);
  const outcome = await context.services.positionsAdmin.assignStaff(context.viewer as ViewerRecord, input.staffId, input.positionIds, input.generateDefaultPermissions);
  if (!outcome.ok) return { ok: false, error: outcome.error, staff: null };
  return { ok: true, error: null, staff: await context.loaders.staffById.load(outcome.value) };
};
