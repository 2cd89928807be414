import type { CrmInboundMessageResolvers, OrderConnectionResolvers, OrderLogEntryResolvers, OrderResolvers } from '../../../generated/resolvers-types.ts';
import { countResolvers } from '../../../lib/connection.ts';
import { orderResources } from '../order-resources.ts';

export const Order: OrderResolvers = {
  id: (order) => String(order.id),
  organisation: (order, _args, context) => (order.organisationId === null ? null : context.loaders.organisationById.load(order.organisationId)),
  workflow: (order, _args, context) => context.services.workflows.graph(order.templateId),
  demand: (order, _args, context) => context.loaders.orderDemand.load(order.id),
  resources: async (order, _args, context) => {
    const [demand, answers] = await Promise.all([context.loaders.orderDemand.load(order.id), context.loaders.orderResourceAnswers.load(order.id)]);
    return orderResources(demand, answers);
  },
  workOrders: (order, _args, context) => context.loaders.orderWorkOrders.load(order.id),
  log: (order, _args, context) => context.loaders.orderLog.load(order.id),
  flow: async (order, _args, context) => context.services.workflows.flow(order, await context.loaders.orderWorkOrders.load(order.id)),
  interfaceRequests: async (order, args, context) => {
    const requests = await context.loaders.orderInterfaceRequests.load(order.id);
    return args.system ? requests.filter((request) => request.system === args.system) : requests;
  },
};

export const OrderConnection: OrderConnectionResolvers = countResolvers;

export const OrderLogEntry: OrderLogEntryResolvers = {
  id: (entry) => String(entry.id),
  workOrderId: (entry) => (entry.workOrderId === null ? null : String(entry.workOrderId)),
};

export const CrmInboundMessage: CrmInboundMessageResolvers = {
  id: (message) => String(message.id),
  format: (message) => message.format as 'XML' | 'JSON',
  // The order was created from the message: it is shown to whoever may read the message.
  order: (message, _args, context) => (message.orderId === null ? null : context.loaders.orderById.load(message.orderId)),
};
