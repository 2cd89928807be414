import { createLoaders, type GraphQLContext } from '../context.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';
import type { Services } from '../services.ts';

type Loaders = GraphQLContext['loaders'];

/**
 * The DataLoaders of one event, shared by all its subscribers on this instance: pub/sub hands every
 * subscriber the same event object, so the rows the event names (and each session and data scope's
 * checks) are read once per event, not once per subscriber. The loaders read by id only — what each
 * subscriber may see is decided per subscriber, before anything is sent.
 */
const eventLoaders = new WeakMap<object, Loaders>();

function loadersFor(services: Services, event: unknown): Loaders {
  if (typeof event !== 'object' || event === null) return createLoaders(services);
  let loaders = eventLoaders.get(event);
  if (!loaders) eventLoaders.set(event, (loaders = createLoaders(services)));
  return loaders;
}

/**
 * Turns a pub/sub stream of ids into the events one subscriber may see: before each event the
 * session is re-checked (an ended session ends the subscription with UNAUTHENTICATED), `allow`
 * decides with the current permissions, and the event is resolved with the event's DataLoaders
 * (`loadersFor`), which `allow` may use too.
 */
export async function* authorizedEvents<T, R>(
  context: GraphQLContext,
  source: AsyncIterableIterator<T>,
  allow: (viewer: ViewerRecord, event: T, loaders: Loaders) => Promise<boolean>,
  map: (event: T) => R,
): AsyncGenerator<R> {
  let viewer = context.viewer as ViewerRecord;
  try {
    for await (const event of source) {
      // A subscription keeps one context for its whole life: each event is resolved with the event's
      // DataLoaders, or relation fields would repeat what the first event loaded.
      const loaders = loadersFor(context.services, event);
      viewer = await context.services.auth.reauthorize(viewer, loaders.session);
      context.viewer = viewer;
      if (!(await allow(viewer, event, loaders))) continue;
      context.loaders = loaders;
      yield map(event);
    }
  } finally {
    await source.return?.();
  }
}
