import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import { loginInput } from '../../auth.schemas.ts';

export const login: MutationResolvers['login'] = async (_parent, args, context) => {
  const input = parseInput(loginInput, args.input);
  const result = await context.services.auth.login(input.loginName, input.password, { hostAddress: context.hostAddress, userAgent: context.userAgent });
  if (!result.ok) return { ok: false, error: result.error, token: null, viewer: null };
  context.viewer = result.viewer;
  return { ok: true, error: null, token: result.token, viewer: result.viewer };
};
