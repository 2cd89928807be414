import { useApolloClient } from '@apollo/client/react';
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRowFieldsFragment, OrderSortField } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkOrderDetail } from '../../work-orders/components/work-order-detail';
import { ExportButton } from '../components/export-button';
import { QueryForm, type FieldSpec } from '../components/query-form';
import { QueryGrid, type QuerySort } from '../components/query-grid';
import { QueryStatus, type QueryTotal } from '../components/query-status';
import { OrderQueryQuery } from '../graphql/order-query';
import { useQueryUrl } from '../hooks/use-query-url';
import { ORDER_PARAMS, ORDER_STATES, ORDER_TYPES, parseOrderQuery, TIME_STATES } from '../query-params';
// The detail tabs' styles live with the queue screen that first had them.
import '../../work-orders/routes/work-order-queue-page.css';
import './queries.css';

type OrderRow = OrderRowFieldsFragment;

const SORT_COLUMNS: Record<string, OrderSortField> = { orderNo: 'ORDER_NO', acceptedAt: 'ACCEPTED_AT' };

/**
 * The order query's conditions, in the order of the seed's query form; those named in `usual` stay
 * in view, the others go under "More conditions".
 */
export function orderFields(t: (key: string) => string, usual: readonly string[]): FieldSpec[] {
  const fields: FieldSpec[] = [
    { name: 'area', kind: 'organisation' },
    { name: 'acceptanceNo', kind: 'text', maxLength: 64 },
    { name: 'orderNo', kind: 'text', maxLength: 64 },
    { name: 'customerName', kind: 'text', maxLength: 100 },
    { name: 'customerPhone', kind: 'text', maxLength: 32 },
    { name: 'broadbandAccount', kind: 'text', maxLength: 64 },
    { name: 'address', kind: 'text', maxLength: 100 },
    { name: 'orderState', kind: 'select', options: ORDER_STATES.map((value) => ({ value, label: t(`queries.orderState.${value}`) })) },
    { name: 'productCode', kind: 'text', maxLength: 64 },
    { name: 'orderType', kind: 'select', options: ORDER_TYPES.map((value) => ({ value, label: t(`queries.orderType.${value}`) })) },
    { name: 'changedOrCancelled', kind: 'select', options: yesNo(t) },
    { name: 'orderTimeState', kind: 'select', options: TIME_STATES.map((value) => ({ value, label: t(`workOrders.timeState.${value}`) })) },
    { name: 'acceptedFrom', kind: 'date' },
    { name: 'acceptedTo', kind: 'date' },
  ];
  return fields.map((field) => ({ ...field, more: !usual.includes(field.name) }));
}

const USUAL = ['area', 'acceptanceNo', 'orderNo', 'customerName', 'customerPhone', 'orderState', 'acceptedFrom', 'acceptedTo'];

export const yesNo = (t: (key: string) => string) => [
  { value: 'yes', label: t('queries.yes') },
  { value: 'no', label: t('queries.no') },
];

/** Order query (定单查询): every seed condition, kept in the URL; export; the selected order's details. */
export function OrderQueryPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const client = useApolloClient();
  const title = t('menu.queries.orders');
  useDocumentTitle(title);
  const query = useQueryUrl(ORDER_PARAMS, parseOrderQuery);
  const { filter, sortBy, sortDirection } = query.parsed;
  const [total, setTotal] = useState<QueryTotal | null>(null);
  const [selected, setSelected] = useState<OrderRow | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const fetchPage = useCallback(
    async (first: number, after: string | null, sort: QuerySort<OrderSortField>) => {
      const { data } = await client.query({ query: OrderQueryQuery, variables: { filter, ...sort, first, after, withCount: after === null }, fetchPolicy: 'no-cache' });
      return data!.orders;
    },
    [client, filter],
  );
  const onError = useCallback((error: unknown) => setLoadError(error), []);
  const onSelect = useCallback((rows: OrderRow[]) => setSelected(rows[0] ?? null), []);
  const onTotal = useCallback((value: QueryTotal) => (setTotal(value), setLoadError(null)), []);

  const columnDefs = useMemo<ColDef<OrderRow>[]>(
    () => [
      { colId: 'orderNo', field: 'orderNo', headerName: t('orders.orderNo'), width: 140, cellClass: 'mono' },
      { colId: 'acceptanceNo', headerName: t('orders.acceptanceNo'), valueGetter: (p) => p.data?.acceptanceNo ?? '', width: 130, cellClass: 'mono' },
      { colId: 'orderType', headerName: t('queries.fields.orderType'), valueGetter: (p) => (p.data ? t(`queries.orderType.${p.data.orderType}`, { defaultValue: p.data.orderType }) : ''), width: 100 },
      {
        colId: 'state',
        headerName: t('queries.fields.orderState'),
        valueGetter: (p) => (p.data ? t(`queries.orderState.${p.data.state}`) : ''),
        // A rejected order says why (the reason CRM was told).
        tooltipValueGetter: (p) => (p.data?.rejectReason ? `${p.value as string}: ${p.data.rejectReason}` : undefined),
        width: 100,
      },
      {
        colId: 'timeState',
        headerName: t('workOrders.columns.timeState'),
        valueGetter: (p) => (p.data && p.data.timeState !== 'NORMAL' ? t(`workOrders.timeState.${p.data.timeState}`) : ''),
        cellClassRules: { 'cell-overdue': (p) => p.data?.timeState === 'OVERDUE', 'cell-warning': (p) => p.data?.timeState === 'WARNING' },
        width: 90,
      },
      { colId: 'customer', headerName: t('workOrders.columns.customer'), valueGetter: (p) => p.data?.customerName ?? '', width: 120 },
      { colId: 'phone', headerName: t('workOrders.columns.phone'), valueGetter: (p) => p.data?.customerPhone ?? '', width: 130, cellClass: 'mono' },
      { colId: 'address', headerName: t('workOrders.columns.address'), valueGetter: (p) => p.data?.address ?? '', flex: 1, minWidth: 180, tooltipValueGetter: (p) => p.value as string },
      { colId: 'product', headerName: t('orders.product'), valueGetter: (p) => p.data?.productCode ?? '', width: 110 },
      { colId: 'area', headerName: t('orders.area'), valueGetter: (p) => localName(p.data?.organisation, lng), width: 120 },
      { colId: 'acceptedAt', headerName: t('orders.acceptedAt'), valueGetter: (p) => formatDateTime(p.data?.acceptedAt), width: 160, cellClass: 'mono' },
      { colId: 'completedAt', headerName: t('workOrders.columns.completedAt'), valueGetter: (p) => formatDateTime(p.data?.completedAt), width: 160, cellClass: 'mono' },
    ],
    [t, lng],
  );

  return (
    <div className="page query-page">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <QueryForm fields={orderFields(t, USUAL)} values={query.draft} onChange={query.setDraft} onSubmit={query.submit} onReset={query.reset}>
        <ExportButton path="/export/orders.xlsx" args={{ filter, sortBy, sortDirection }} />
      </QueryForm>
      <QueryStatus total={total} invalid={query.parsed.invalid} loadError={loadError} />
      <QueryGrid<OrderRow, OrderSortField>
        label={t('queries.ordersFound')}
        columnDefs={columnDefs}
        sortColumns={SORT_COLUMNS}
        sort={{ sortBy, sortDirection }}
        queryKey={query.queryKey}
        fetchPage={fetchPage}
        onSortChange={query.setSort}
        onTotal={onTotal}
        onSelect={onSelect}
        onError={onError}
      />
      {selected ? <WorkOrderDetail key={selected.id} order={selected} version={0} /> : <p className="muted">{t('queries.pickOrder')}</p>}
    </div>
  );
}
