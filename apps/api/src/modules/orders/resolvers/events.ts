import type { OrderEventResolvers, WorkOrderEventResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';

export const WorkOrderEvent: WorkOrderEventResolvers = {
  state: (event) => event.state as never,
  workOrder: (event, _args, context) => loadRequired(context.loaders.workOrderById, event.workOrderId, 'WorkOrder'),
  order: (event, _args, context) => loadRequired(context.loaders.orderById, event.orderId, 'Order'),
};

export const OrderEvent: OrderEventResolvers = {
  state: (event) => event.state as never,
  order: (event, _args, context) => loadRequired(context.loaders.orderById, event.orderId, 'Order'),
};
