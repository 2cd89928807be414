import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { submitCrmMessageInput } from '../../orders.schemas.ts';

export const submitCrmMessage: MutationResolvers['submitCrmMessage'] = async (_parent, args, context) => {
  const input = parseInput(submitCrmMessageInput, args.input);
  const viewer = context.viewer as ViewerRecord;
  const result = await context.services.orders.submitCrmMessage(viewer, input.format, input.payload);
  if (!result.ok) return { ok: false, error: result.error, message: null };
  return { ok: true, error: null, message: await context.services.orders.findMessage(viewer, result.id) };
};
