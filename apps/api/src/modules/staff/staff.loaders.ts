import DataLoader from 'dataloader';
import type { StaffRepository } from './staff.repository.ts';
import type { StaffRecord } from './staff.types.ts';

export function createStaffLoaders(repository: StaffRepository) {
  return {
    staffById: new DataLoader<number, StaffRecord | null>(async (ids) => {
      const byId = new Map((await repository.byIds(ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
