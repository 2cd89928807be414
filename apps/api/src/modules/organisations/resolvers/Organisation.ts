import type { OrganisationResolvers } from '../../../generated/resolvers-types.ts';

export const Organisation: OrganisationResolvers = {
  id: (organisation) => String(organisation.id),
  parent: (organisation, _args, context) => (organisation.parentId === null ? null : context.loaders.organisationById.load(organisation.parentId)),
  children: (organisation, _args, context) => context.loaders.organisationChildren.load(organisation.id),
};
