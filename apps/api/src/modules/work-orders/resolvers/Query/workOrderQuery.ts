import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import { selectsCount } from '../../../../lib/connection.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { workOrderQueryArgs } from '../../work-orders.schemas.ts';

export const workOrderQuery: QueryResolvers['workOrderQuery'] = (_parent, args, context, info) =>
  context.services.workOrders.query(context.viewer as ViewerRecord, parseInput(workOrderQueryArgs, args), selectsCount(info));
