import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';

export const onlineStaff: QueryResolvers['onlineStaff'] = (_parent, _args, context) => context.services.staff.online(context.viewer as ViewerRecord);
