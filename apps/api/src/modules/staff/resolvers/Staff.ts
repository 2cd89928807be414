import type { StaffResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';

export const Staff: StaffResolvers = {
  id: (staff) => String(staff.id),
  organisation: (staff, _args, context) => loadRequired(context.loaders.organisationById, staff.organisationId, 'Organisation'),
  positions: (staff, _args, context) => context.loaders.positionsOfStaff.load(staff.id),
};
