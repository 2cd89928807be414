import { z } from 'zod';
import type { QueryResolvers, SubscriptionResolvers } from '../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { optionalId, optionalText } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const supervisionArgs = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').nullish().transform((value) => value ?? 200),
  filter: z
    .object({ areaId: optionalId('organisation'), search: optionalText(100) })
    .nullish()
    .transform((filter) => filter ?? { areaId: null, search: null }),
});

export const supervision: QueryResolvers['supervision'] = (_parent, rawArgs, context) => {
  const { first, filter } = parseInput(supervisionArgs, rawArgs);
  return context.services.supervision.lists(context.viewer as ViewerRecord, filter, first);
};

export const clockChanged: SubscriptionResolvers['clockChanged'] = {
  subscribe: (_parent, _args, context) =>
    authorizedEvents(
      context,
      context.services.pubsub.subscribe('clock.changed'),
      async (viewer) => viewer.staffId !== null,
      () => ({ clockChanged: { now: context.services.clock.now(), offsetMinutes: context.services.clock.offset / 60_000, testMode: context.services.config.testMode } }),
    ),
};
