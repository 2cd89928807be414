import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';

export const health: QueryResolvers['health'] = () => 'ok';
