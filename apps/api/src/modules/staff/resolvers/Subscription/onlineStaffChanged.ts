import type { SubscriptionResolvers } from '../../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../../graphql/subscriptions.ts';

export const onlineStaffChanged: SubscriptionResolvers['onlineStaffChanged'] = {
  subscribe: (_parent, _args, context) =>
    authorizedEvents(
      context,
      context.services.pubsub.subscribe('staff.online-changed'),
      (viewer, event) => context.services.staff.mayReceive(viewer, event),
      (event) => ({ onlineStaffChanged: event }),
    ),
};
