import DataLoader from 'dataloader';
import type { PositionsRepository } from './positions.repository.ts';
import type { PositionRecord, PositionTypeRecord } from './positions.types.ts';

export function createPositionLoaders(repository: PositionsRepository) {
  return {
    positionTypeById: new DataLoader<number, PositionTypeRecord | null>(async (ids) => {
      const byId = new Map((await repository.typesByIds(ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    positionsOfStaff: new DataLoader<number, PositionRecord[]>(async (staffIds) => {
      const rows = await repository.heldBy(staffIds);
      return staffIds.map((id) => rows.filter((row) => row.staffId === id).map((row) => row.position));
    }),
  };
}
