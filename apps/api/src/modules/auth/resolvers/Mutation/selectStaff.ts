import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth.types.ts';
import { selectStaffInput } from '../../auth.schemas.ts';

export const selectStaff: MutationResolvers['selectStaff'] = async (_parent, args, context) => {
  const input = parseInput(selectStaffInput, args.input);
  const result = await context.services.auth.selectStaff(context.viewer as ViewerRecord, input.staffId);
  if (!result.ok) return { ok: false, error: result.error, viewer: null };
  context.viewer = result.viewer;
  return { ok: true, error: null, viewer: result.viewer };
};
