import { byIdLoader, groupLoader } from '../../graphql/loaders.ts';
import type { PositionsRepository } from './positions.repository.ts';

export function createPositionLoaders(repository: PositionsRepository) {
  return {
    positionTypeById: byIdLoader((ids) => repository.typesByIds(ids)),
    positionById: byIdLoader((ids) => repository.byIds(ids)),
    /** (staffId, position) pairs of each staff member. */
    positionsOfStaff: groupLoader((staffIds) => repository.heldBy(staffIds), (row) => row.staffId),
    menusOfPositionType: groupLoader((typeIds) => repository.menusOfTypes(typeIds), (row) => row.positionTypeId),
    positionCountOfType: byIdLoader((typeIds) => repository.positionCounts(typeIds)),
    holderCountOfPosition: byIdLoader((positionIds) => repository.holderCounts(positionIds)),
  };
}
