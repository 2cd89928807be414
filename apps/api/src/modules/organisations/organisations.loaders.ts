import DataLoader from 'dataloader';
import type { OrganisationsRepository } from './organisations.repository.ts';
import type { OrganisationRecord } from './organisations.types.ts';

export function createOrganisationLoaders(repository: OrganisationsRepository) {
  return {
    organisationById: new DataLoader<number, OrganisationRecord | null>(async (ids) => {
      const byId = new Map((await repository.byIds(ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    organisationChildren: new DataLoader<number, OrganisationRecord[]>(async (parentIds) => {
      const rows = await repository.childrenOf(parentIds);
      return parentIds.map((id) => rows.filter((row) => row.parentId === id));
    }),
  };
}
