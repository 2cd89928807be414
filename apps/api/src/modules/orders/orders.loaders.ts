import { byIdLoader, groupLoader } from '../../graphql/loaders.ts';
import type { OrdersRepository } from './orders.repository.ts';

export function createOrderLoaders(repository: OrdersRepository) {
  return {
    orderById: byIdLoader((ids) => repository.byIds(ids)),
    workOrderById: byIdLoader((ids) => repository.workOrdersByIds(ids)),
    orderDemand: groupLoader((ids) => repository.demandOf(ids), (row) => row.orderId),
    orderWorkOrders: groupLoader((ids) => repository.workOrdersOf(ids), (row) => row.orderId),
    orderLog: groupLoader((ids) => repository.logOf(ids), (row) => row.orderId),
    orderResourceAnswers: groupLoader((ids) => repository.resourceAnswersOf(ids), (row) => row.orderId),
    orderInterfaceRequests: groupLoader((ids) => repository.interfaceRequestsOf(ids), (row) => row.orderId),
  };
}
