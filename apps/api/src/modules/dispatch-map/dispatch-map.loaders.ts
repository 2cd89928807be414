import DataLoader from 'dataloader';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { DispatchMapService } from './dispatch-map.service.ts';
import type { MapStaffRecord } from './dispatch-map.types.ts';

/** The newest positions of some staff as one viewer's data scope sees them. */
export interface StaffPositionsKey {
  viewer: ViewerRecord;
  staffIds: number[];
}

/**
 * Per event (see authorizedEvents): subscribers with the same data scope read the event's staff
 * positions once between them.
 */
export function createDispatchMapLoaders(service: DispatchMapService) {
  return {
    staffPositions: new DataLoader<StaffPositionsKey, MapStaffRecord[], string>((keys) => Promise.all(keys.map((key) => service.staffPositions(key.viewer, key.staffIds))), {
      cacheKeyFn: (key) => `${key.viewer.scope.orgPaths.join(',')}|${key.staffIds.join(',')}`,
    }),
  };
}
