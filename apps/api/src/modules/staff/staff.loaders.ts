import { byIdLoader } from '../../graphql/loaders.ts';
import type { StaffRepository } from './staff.repository.ts';

export function createStaffLoaders(repository: StaffRepository) {
  return {
    staffById: byIdLoader((ids) => repository.byIds(ids)),
  };
}
