import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';

export const workOrderTypes: QueryResolvers['workOrderTypes'] = (_parent, _args, context) => context.services.workflows.workOrderTypes(null);
