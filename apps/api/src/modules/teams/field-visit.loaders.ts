import { byIdLoader } from '../../graphql/loaders.ts';
import type { TeamsService } from './teams.service.ts';

/**
 * Where installers meet the customer (coordinates): read for the orders
 * of a request in one query. Kept apart from the order row the other screens read.
 */
export function createFieldVisitLoaders(teams: TeamsService) {
  return {
    orderFieldVisitById: byIdLoader((ids) => teams.fieldVisits(ids)),
  };
}
