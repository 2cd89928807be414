import type { GraphQLContext } from '../context.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';

/**
 * Turns a pub/sub stream of ids into the events one subscriber may see: before each event the
 * session is re-checked (an ended session ends the subscription with UNAUTHENTICATED) and `allow`
 * decides with the current permissions.
 */
export async function* authorizedEvents<T, R>(
  context: GraphQLContext,
  source: AsyncIterableIterator<T>,
  allow: (viewer: ViewerRecord, event: T) => Promise<boolean>,
  map: (event: T) => R,
): AsyncGenerator<R> {
  let viewer = context.viewer as ViewerRecord;
  try {
    for await (const event of source) {
      viewer = await context.services.auth.reauthorize(viewer);
      context.viewer = viewer;
      if (await allow(viewer, event)) yield map(event);
    }
  } finally {
    await source.return?.();
  }
}
