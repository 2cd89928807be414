import DataLoader from 'dataloader';
import { byIdLoader, groupLoader } from '../../graphql/loaders.ts';
import type { DataScope } from '../auth/auth.types.ts';
import type { OrdersRepository } from './orders.repository.ts';

/** Whether a data scope (optionally narrowed to a subtree) sees an order. */
export interface OrderVisibilityKey {
  orderId: number;
  scope: DataScope;
  underPath: string | null;
}

const scopeKey = (key: OrderVisibilityKey) => `${key.underPath ?? ''}|${key.scope.orgPaths.join(',')}`;

/** One query per distinct scope among the keys asked in a tick (the subscribers of one event share a few scopes). */
function orderVisibilityLoader(repository: OrdersRepository): DataLoader<OrderVisibilityKey, boolean, string> {
  return new DataLoader<OrderVisibilityKey, boolean, string>(
    async (keys) => {
      const byScope = new Map<string, OrderVisibilityKey[]>();
      for (const key of keys) byScope.set(scopeKey(key), [...(byScope.get(scopeKey(key)) ?? []), key]);
      const visible = new Map<string, Set<number>>();
      for (const [scope, group] of byScope) visible.set(scope, await repository.visibleOrderIds([...new Set(group.map((key) => key.orderId))], group[0].scope, group[0].underPath));
      return keys.map((key) => visible.get(scopeKey(key))!.has(key.orderId));
    },
    { cacheKeyFn: (key) => `${key.orderId}|${scopeKey(key)}` },
  );
}

export function createOrderLoaders(repository: OrdersRepository) {
  return {
    orderById: byIdLoader((ids) => repository.byIds(ids)),
    workOrderById: byIdLoader((ids) => repository.workOrdersByIds(ids)),
    orderDemand: groupLoader((ids) => repository.demandOf(ids), (row) => row.orderId),
    orderWorkOrders: groupLoader((ids) => repository.workOrdersOf(ids), (row) => row.orderId),
    orderLog: groupLoader((ids) => repository.logOf(ids), (row) => row.orderId),
    orderResourceAnswers: groupLoader((ids) => repository.resourceAnswersOf(ids), (row) => row.orderId),
    orderInterfaceRequests: groupLoader((ids) => repository.interfaceRequestsOf(ids), (row) => row.orderId),
    orderVisibility: orderVisibilityLoader(repository),
  };
}
