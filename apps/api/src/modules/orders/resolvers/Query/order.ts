import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { orderIdArgs } from '../../orders.schemas.ts';

export const order: QueryResolvers['order'] = (_parent, args, context) => context.services.orders.find(context.viewer as ViewerRecord, parseInput(orderIdArgs, args).id);
