import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import { forceLogoutInput } from '../../auth.schemas.ts';

export const forceLogout: MutationResolvers['forceLogout'] = async (_parent, args, context) => {
  const input = parseInput(forceLogoutInput, args.input);
  const result = await context.services.auth.forceLogout(input.sessionId);
  return result.ok ? { ok: true, error: null } : { ok: false, error: result.error };
};
