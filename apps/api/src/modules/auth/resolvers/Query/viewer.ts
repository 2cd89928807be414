import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';

export const viewer: QueryResolvers['viewer'] = (_parent, _args, context) => context.viewer;
