import { useApolloClient, useQuery } from '@apollo/client/react';
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderSortField } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkOrderDetail } from '../../work-orders/components/work-order-detail';
import type { WorkOrderRow } from '../../work-orders/components/work-order-grid';
import { stateLabel, timeStateLabel } from '../../work-orders/work-order-labels';
import { ExportButton } from '../components/export-button';
import { PrintButton } from '../components/print-button';
import { QueryForm, type FieldSpec } from '../components/query-form';
import { QueryGrid, type QueryPage, type QuerySort } from '../components/query-grid';
import { QueryStatus, type QueryTotal } from '../components/query-status';
import { QueryPositionChoicesQuery, WorkOrderQueryQuery, WorkOrderTypesQuery } from '../graphql/work-order-query';
import { useQueryUrl } from '../hooks/use-query-url';
import { ORDER_PARAMS, parseWorkOrderQuery, TIME_STATES, WORK_ORDER_PARAMS, WORK_ORDER_STATES } from '../query-params';
import { orderFields, yesNo } from './order-query-page';
// The detail tabs' styles live with the queue screen that first had them.
import '../../work-orders/routes/work-order-queue-page.css';
import './queries.css';

const SORT_COLUMNS: Record<string, WorkOrderSortField> = { workOrderNo: 'WORK_ORDER_NO', createdAt: 'CREATED_AT' };
const PARAMS = [...ORDER_PARAMS, ...WORK_ORDER_PARAMS];

/**
 * Work-order query (工单查询): the order conditions plus organisation, position, category, type,
 * state, pending-install, open, overdue and accept-overdue flags and creation time, kept in the URL;
 * export, print, and the selected work order's details.
 */
export function WorkOrderQueryPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const client = useApolloClient();
  const title = t('menu.queries.work-orders');
  useDocumentTitle(title);
  const query = useQueryUrl(PARAMS, parseWorkOrderQuery);
  const { filter, sortBy, sortDirection } = query.parsed;
  const [total, setTotal] = useState<QueryTotal | null>(null);
  const [selected, setSelected] = useState<WorkOrderRow[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const types = useQuery(WorkOrderTypesQuery);
  const positions = useQuery(QueryPositionChoicesQuery);

  const fields = useMemo<FieldSpec[]>(() => {
    const categories = new Map((types.data?.workOrderTypes ?? []).map((type) => [type.category.code, type.category]));
    const category = query.draft.category;
    return [
      { name: 'workOrderNo', kind: 'text', maxLength: 80 },
      { name: 'position', kind: 'select', options: (positions.data?.positions ?? []).map((p) => ({ value: p.id, label: `${localName(p, lng)} · ${localName(p.organisation, lng)}` })) },
      { name: 'category', kind: 'select', options: [...categories.values()].map((c) => ({ value: c.code, label: localName(c, lng) })) },
      {
        name: 'type',
        kind: 'select',
        options: (types.data?.workOrderTypes ?? []).filter((type) => !category || type.category.code === category).map((type) => ({ value: type.code, label: localName(type, lng) })),
      },
      { name: 'state', kind: 'select', options: WORK_ORDER_STATES.map((value) => ({ value, label: stateLabel(t, value) })) },
      { name: 'timeState', kind: 'select', options: TIME_STATES.map((value) => ({ value, label: t(`workOrders.timeState.${value}`) })) },
      { name: 'createdFrom', kind: 'date' },
      { name: 'createdTo', kind: 'date' },
      ...orderFields(t, ['area', 'orderNo', 'customerName', 'customerPhone']),
      { name: 'pendingInstall', kind: 'select', options: yesNo(t), more: true },
      { name: 'open', kind: 'select', options: yesNo(t), more: true },
      { name: 'acceptOverdue', kind: 'select', options: yesNo(t), more: true },
    ];
  }, [t, lng, types.data, positions.data, query.draft.category]);

  const fetchPage = useCallback(
    async (first: number, after: string | null, sort: QuerySort<WorkOrderSortField>) => {
      const { data } = await client.query({ query: WorkOrderQueryQuery, variables: { filter, ...sort, first, after, withCount: after === null }, fetchPolicy: 'no-cache' });
      // The rows carry the queue's row fields (the detail tabs take them) plus the order number.
      return data!.workOrderQuery as QueryPage<WorkOrderRow>;
    },
    [client, filter],
  );
  const onError = useCallback((error: unknown) => setLoadError(error), []);
  const onSelect = useCallback((rows: WorkOrderRow[]) => setSelected(rows), []);
  const onTotal = useCallback((value: QueryTotal) => (setTotal(value), setLoadError(null)), []);

  const columnDefs = useMemo<ColDef<WorkOrderRow>[]>(
    () => [
      { colId: 'workOrderNo', field: 'workOrderNo', headerName: t('workOrders.columns.workOrderNo'), width: 200, cellClass: 'mono' },
      { colId: 'step', headerName: t('workOrders.columns.step'), valueGetter: (p) => localName(p.data?.step, lng), width: 130 },
      { colId: 'state', headerName: t('workOrders.columns.state'), valueGetter: (p) => (p.data ? stateLabel(t, p.data.state) : ''), width: 100 },
      {
        colId: 'timeState',
        headerName: t('workOrders.columns.timeState'),
        valueGetter: (p) => (p.data ? timeStateLabel(t, p.data.timeState, p.data.acceptOverdue) : ''),
        cellClassRules: { 'cell-overdue': (p) => p.data?.timeState === 'OVERDUE', 'cell-warning': (p) => p.data?.timeState === 'WARNING' || (p.data?.acceptOverdue ?? false) },
        width: 100,
      },
      { colId: 'orderNo', headerName: t('orders.orderNo'), valueGetter: (p) => p.data?.order.orderNo ?? '', width: 130, cellClass: 'mono' },
      { colId: 'customer', headerName: t('workOrders.columns.customer'), valueGetter: (p) => p.data?.order.customerName ?? '', width: 110 },
      { colId: 'phone', headerName: t('workOrders.columns.phone'), valueGetter: (p) => p.data?.order.customerPhone ?? '', width: 125, cellClass: 'mono' },
      { colId: 'address', headerName: t('workOrders.columns.address'), valueGetter: (p) => p.data?.order.address ?? '', flex: 1, minWidth: 170, tooltipValueGetter: (p) => p.value as string },
      { colId: 'position', headerName: t('workOrders.columns.position'), valueGetter: (p) => localName(p.data?.position, lng), width: 140 },
      { colId: 'handler', headerName: t('workOrders.columns.handler'), valueGetter: (p) => (p.data?.handler ? `${p.data.handler.name} ${p.data.handler.staffNo}` : ''), width: 130 },
      { colId: 'createdAt', headerName: t('workOrders.columns.createdAt'), valueGetter: (p) => formatDateTime(p.data?.createdAt), width: 155, cellClass: 'mono' },
      { colId: 'dueAt', headerName: t('workOrders.columns.dueAt'), valueGetter: (p) => formatDateTime(p.data?.dueAt), width: 155, cellClass: 'mono' },
    ],
    [t, lng],
  );

  const single = selected.length === 1 ? selected[0] : null;
  return (
    <div className="page query-page">
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <QueryForm fields={fields} values={query.draft} onChange={query.setDraft} onSubmit={query.submit} onReset={query.reset}>
        <ExportButton path="/export/work-orders.xlsx" args={{ filter, sortBy, sortDirection }} />
        <PrintButton workOrderIds={selected.map((row) => row.id)} />
      </QueryForm>
      <QueryStatus total={total} invalid={query.parsed.invalid} loadError={loadError} />
      <QueryGrid<WorkOrderRow, WorkOrderSortField>
        label={t('queries.workOrdersFound')}
        columnDefs={columnDefs}
        sortColumns={SORT_COLUMNS}
        sort={{ sortBy, sortDirection }}
        queryKey={query.queryKey}
        fetchPage={fetchPage}
        onSortChange={query.setSort}
        onTotal={onTotal}
        onSelect={onSelect}
        onError={onError}
        multiSelect
      />
      {single ? <WorkOrderDetail key={single.id} workOrder={single} version={0} /> : <p className="muted">{t('workOrders.pickOne')}</p>}
    </div>
  );
}
