import type { OrderResolvers } from '../../../generated/resolvers-types.ts';

/** The order's appointment time and coordinates (the installers' phone view: navigate, be on time). */
export const orderFieldVisit: Pick<OrderResolvers, 'appointmentAt' | 'latitude' | 'longitude'> = {
  appointmentAt: async (order, _args, context) => (await context.loaders.orderFieldVisitById.load(order.id))?.appointmentAt ?? null,
  latitude: async (order, _args, context) => (await context.loaders.orderFieldVisitById.load(order.id))?.latitude ?? null,
  longitude: async (order, _args, context) => (await context.loaders.orderFieldVisitById.load(order.id))?.longitude ?? null,
};
