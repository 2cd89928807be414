import { localName, type ExportLabels, type ExportLanguage } from './export-labels.ts';

/** A cell value of an exported row: text, a number, a date-time or nothing. */
export type CellValue = string | number | Date | null;

export interface ExportColumn {
  key: keyof ExportLabels['column'];
  width: number;
  /** Date-time columns get a date format in the sheet. */
  dateTime?: boolean;
}

/**
 * An exportable query: the GraphQL operation the export pages through (the same field, arguments
 * and resolvers as the SPA's query, so the rows and the data permissions are the same), the
 * connection it reads and how a node becomes a row.
 */
export interface QueryExport {
  name: 'orders' | 'work-orders';
  document: string;
  connection: string;
  columns: ExportColumn[];
  row(node: any, labels: ExportLabels, lang: ExportLanguage): CellValue[];
}

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

export const ordersExport: QueryExport = {
  name: 'orders',
  connection: 'orders',
  document: /* GraphQL */ `
    query ExportOrders($filter: OrderQueryFilter, $sortBy: OrderSortField! = ACCEPTED_AT, $sortDirection: SortDirection! = DESC, $first: Int!, $after: String) {
      orders(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            orderNo acceptanceNo crmOrderCode businessCode orderType productCode state timeState
            customerName customerPhone broadbandAccount address acceptedAt dueAt completedAt
            organisation { name nameEn }
          }
        }
      }
    }
  `,
  columns: [
    { key: 'orderNo', width: 16 },
    { key: 'acceptanceNo', width: 16 },
    { key: 'crmOrderCode', width: 18 },
    { key: 'businessCode', width: 18 },
    { key: 'orderType', width: 10 },
    { key: 'productCode', width: 14 },
    { key: 'orderState', width: 12 },
    { key: 'timeState', width: 12 },
    { key: 'customer', width: 16 },
    { key: 'phone', width: 15 },
    { key: 'broadbandAccount', width: 18 },
    { key: 'address', width: 40 },
    { key: 'area', width: 16 },
    { key: 'acceptedAt', width: 18, dateTime: true },
    { key: 'dueAt', width: 18, dateTime: true },
    { key: 'completedAt', width: 18, dateTime: true },
  ],
  row: (order, labels, lang) => [
    order.orderNo,
    order.acceptanceNo,
    order.crmOrderCode,
    order.businessCode,
    labels.orderType[order.orderType] ?? order.orderType,
    order.productCode,
    labels.orderState[order.state as keyof ExportLabels['orderState']],
    labels.timeState[order.timeState as keyof ExportLabels['timeState']],
    order.customerName,
    order.customerPhone,
    order.broadbandAccount,
    order.address,
    localName(order.organisation, lang) || null,
    date(order.acceptedAt),
    date(order.dueAt),
    date(order.completedAt),
  ],
};

export const workOrdersExport: QueryExport = {
  name: 'work-orders',
  connection: 'workOrderQuery',
  document: /* GraphQL */ `
    query ExportWorkOrders($filter: WorkOrderQueryFilter, $sortBy: WorkOrderSortField! = CREATED_AT, $sortDirection: SortDirection! = DESC, $first: Int!, $after: String) {
      workOrderQuery(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            workOrderNo state timeState createdAt dueAt completedAt result
            step { name nameEn }
            position { name nameEn }
            handler { staffNo name }
            order { orderNo customerName customerPhone address }
          }
        }
      }
    }
  `,
  columns: [
    { key: 'workOrderNo', width: 24 },
    { key: 'orderNo', width: 16 },
    { key: 'step', width: 16 },
    { key: 'state', width: 12 },
    { key: 'timeState', width: 12 },
    { key: 'customer', width: 16 },
    { key: 'phone', width: 15 },
    { key: 'address', width: 40 },
    { key: 'position', width: 20 },
    { key: 'handler', width: 16 },
    { key: 'createdAt', width: 18, dateTime: true },
    { key: 'dueAt', width: 18, dateTime: true },
    { key: 'completedAt', width: 18, dateTime: true },
    { key: 'result', width: 14 },
  ],
  row: (workOrder, labels, lang) => [
    workOrder.workOrderNo,
    workOrder.order.orderNo,
    localName(workOrder.step, lang),
    labels.workOrderState[workOrder.state as keyof ExportLabels['workOrderState']],
    labels.timeState[workOrder.timeState as keyof ExportLabels['timeState']],
    workOrder.order.customerName,
    workOrder.order.customerPhone,
    workOrder.order.address,
    localName(workOrder.position, lang) || null,
    workOrder.handler ? `${workOrder.handler.name} (${workOrder.handler.staffNo})` : null,
    date(workOrder.createdAt),
    date(workOrder.dueAt),
    date(workOrder.completedAt),
    workOrder.result,
  ],
};
