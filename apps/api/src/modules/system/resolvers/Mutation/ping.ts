import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';

export const ping: MutationResolvers['ping'] = () => true;
