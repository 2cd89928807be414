import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import { selectsCount } from '../../../../lib/connection.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { orderQueryArgs } from '../../orders.schemas.ts';

export const orders: QueryResolvers['orders'] = (_parent, args, context, info) =>
  context.services.orders.query(context.viewer as ViewerRecord, parseInput(orderQueryArgs, args), selectsCount(info));
