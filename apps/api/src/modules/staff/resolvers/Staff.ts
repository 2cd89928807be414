import type { StaffResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';

export const Staff: StaffResolvers = {
  id: (staff) => String(staff.id),
  organisation: (staff, _args, context) => loadRequired(context.loaders.organisationById, staff.organisationId, 'Organisation'),
  positions: async (staff, _args, context) => (await context.loaders.positionsOfStaff.load(staff.id)).map((held) => held.position),
};
