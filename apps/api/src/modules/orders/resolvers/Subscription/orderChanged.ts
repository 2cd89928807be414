import { z } from 'zod';
import type { SubscriptionResolvers } from '../../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../../graphql/subscriptions.ts';
import { parseInput } from '../../../../lib/parse-input.ts';

const args = z.object({ orderId: z.string().regex(/^\d{1,9}$/, 'not a valid order id').transform(Number).nullish().transform((value) => value ?? null) });

export const orderChanged: SubscriptionResolvers['orderChanged'] = {
  subscribe: (_parent, rawArgs, context) => {
    const { orderId } = parseInput(args, rawArgs);
    return authorizedEvents(
      context,
      context.services.pubsub.subscribe('order.changed'),
      (viewer, event, loaders) => context.services.orders.mayReceiveOrderEvent(viewer, event, orderId, loaders),
      (event) => ({ orderChanged: event }),
    );
  },
};
