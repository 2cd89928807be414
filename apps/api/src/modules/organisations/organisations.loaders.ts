import { byIdLoader, groupLoader } from '../../graphql/loaders.ts';
import type { OrganisationsRepository } from './organisations.repository.ts';

export function createOrganisationLoaders(repository: OrganisationsRepository) {
  return {
    organisationById: byIdLoader((ids) => repository.byIds(ids)),
    organisationChildren: groupLoader((parentIds) => repository.childrenOf(parentIds), (row) => row.parentId as number),
  };
}
