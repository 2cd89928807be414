import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';

export const organisations: QueryResolvers['organisations'] = (_parent, _args, context) => context.services.organisations.roots(context.viewer as ViewerRecord);
