import { createLoaders, type GraphQLContext } from '../context.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';
import type { EventStream } from '../pubsub/pubsub.ts';
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
 * Turns a pub/sub stream of ids into the events one subscriber may see. Events are taken as they
 * arrive, together with any that are already waiting (a subscriber that fell behind in a burst
 * catches up in one step): before they are sent the session is re-checked, once for the events
 * taken together (an ended session ends the subscription with UNAUTHENTICATED); then for each
 * event, all at once, `allow` decides with the current permissions and `map` builds what is sent
 * (null: nothing), both with the event's DataLoaders (`loadersFor`). Events go out in the order
 * they were published, each resolved with its own DataLoaders.
 */
export async function* authorizedEvents<T, R>(
  context: GraphQLContext,
  source: EventStream<T>,
  allow: (viewer: ViewerRecord, event: T, loaders: Loaders) => Promise<boolean>,
  map: (event: T, viewer: ViewerRecord, loaders: Loaders) => R | null | Promise<R | null>,
): AsyncGenerator<R> {
  let viewer = context.viewer as ViewerRecord;
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      const events = [next.value, ...source.drain()];
      // The session as it is now, after every one of these events arrived: read once for them, with
      // the first event's loader (subscribers of the same events share it).
      viewer = await context.services.auth.reauthorize(viewer, loadersFor(context.services, events[0]).session);
      context.viewer = viewer;
      const current = viewer;
      const resolved = await Promise.all(
        events.map(async (event) => {
          // A subscription keeps one context for its whole life: each event is resolved with the
          // event's DataLoaders, or relation fields would repeat what the first event loaded.
          const loaders = loadersFor(context.services, event);
          if (!(await allow(current, event, loaders))) return null;
          const value = await map(event, current, loaders);
          return value === null ? null : { value, loaders };
        }),
      );
      for (const event of resolved) {
        if (!event) continue;
        context.loaders = event.loaders;
        yield event.value;
      }
    }
  } finally {
    await source.return?.();
  }
}
