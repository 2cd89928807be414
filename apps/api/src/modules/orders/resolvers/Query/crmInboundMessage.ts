import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { messageIdArgs } from '../../orders.schemas.ts';

export const crmInboundMessage: QueryResolvers['crmInboundMessage'] = (_parent, args, context) =>
  context.services.orders.findMessage(context.viewer as ViewerRecord, parseInput(messageIdArgs, args).id);
