import { z } from 'zod';
import type { SubscriptionResolvers } from '../../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../../graphql/subscriptions.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';

const id = (field: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${field} id`).transform(Number).nullish().transform((value) => value ?? null);
const args = z.object({
  filter: z
    .object({ orderId: id('order'), organisationId: id('organisation'), positionId: id('position'), staffId: id('staff') })
    .nullish()
    .transform((filter) => filter ?? { orderId: null, organisationId: null, positionId: null, staffId: null }),
});

export const workOrderChanged: SubscriptionResolvers['workOrderChanged'] = {
  subscribe: async (_parent, rawArgs, context) => {
    const { filter } = parseInput(args, rawArgs);
    const resolved = await context.services.orders.resolveWorkOrderFilter(context.viewer as ViewerRecord, filter);
    return authorizedEvents(
      context,
      context.services.pubsub.subscribe('work-order.changed'),
      (viewer, event, loaders) => context.services.orders.mayReceiveWorkOrderEvent(viewer, event, resolved, loaders),
      (event) => ({ workOrderChanged: event }),
    );
  },
};
