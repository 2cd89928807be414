import type { OrderResolvers } from '../../../generated/resolvers-types.ts';

/** The order's coordinates (the installers' phone view navigates there; the appointment comes with the order row). */
export const orderFieldVisit: Pick<OrderResolvers, 'latitude' | 'longitude'> = {
  latitude: async (order, _args, context) => (await context.loaders.orderFieldVisitById.load(order.id))?.latitude ?? null,
  longitude: async (order, _args, context) => (await context.loaders.orderFieldVisitById.load(order.id))?.longitude ?? null,
};
