import type { QueryResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';
import { staffListArgs } from '../../staff.schemas.ts';

export const staff: QueryResolvers['staff'] = async (_parent, rawArgs, context) => {
  const args = parseInput(staffListArgs, rawArgs);
  const page = await context.services.staff.list(context.viewer as ViewerRecord, {
    first: args.first,
    after: args.after,
    sortBy: args.sortBy,
    sortDirection: args.sortDirection,
    search: args.filter?.search || null,
    organisationId: args.filter?.organisationId ?? null,
  });
  return {
    edges: page.items,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items.at(-1)?.cursor ?? null,
    },
  };
};
