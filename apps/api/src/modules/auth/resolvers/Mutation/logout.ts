import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import type { ViewerRecord } from '../../auth.types.ts';

export const logout: MutationResolvers['logout'] = async (_parent, _args, context) => {
  await context.services.auth.logout(context.viewer as ViewerRecord);
  return { ok: true };
};
