import type { OnlineStaffEventResolvers, OnlineStaffResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';

export const OnlineStaff: OnlineStaffResolvers = {
  staff: (row, _args, context) => loadRequired(context.loaders.staffById, row.staffId, 'Staff'),
};

export const OnlineStaffEvent: OnlineStaffEventResolvers = {
  staff: (event, _args, context) => loadRequired(context.loaders.staffById, event.staffId, 'Staff'),
};
