import { createLoaders, type GraphQLContext } from '../context.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';

/**
 * Turns a pub/sub stream of ids into the events one subscriber may see: before each event the
 * session is re-checked (an ended session ends the subscription with UNAUTHENTICATED), `allow`
 * decides with the current permissions, and the DataLoaders are renewed.
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
      if (!(await allow(viewer, event))) continue;
      // A subscription keeps one context for its whole life: each event is resolved with new
      // DataLoaders, or relation fields would repeat what the first event loaded.
      context.loaders = createLoaders(context.services);
      yield map(event);
    }
  } finally {
    await source.return?.();
  }
}
