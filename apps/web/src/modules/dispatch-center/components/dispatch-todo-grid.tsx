import { useApolloClient } from '@apollo/client/react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchTodoFilter, DispatchTodoRowFragment } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { createCursorDatasource } from '../../../lib/cursor-datasource';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { stateLabel, timeStateLabel } from '../../work-orders/work-order-labels';
import { DispatchCenterTodoQuery } from '../graphql/dispatch-center-documents';

export type DispatchTodoRow = DispatchTodoRowFragment;

const BLOCK_SIZE = 100;

interface DispatchTodoGridProps {
  filter: DispatchTodoFilter;
  onSelect: (row: DispatchTodoRow | null) => void;
  onReady: (api: GridApi<DispatchTodoRow>) => void;
  onError: (error: unknown) => void;
  onTotal: (total: number) => void;
  /** Enter or double-click on a row: assign it. */
  onOpen: (row: DispatchTodoRow) => void;
}

/**
 * The dispatchers' to-do (我的待办): ag-grid's infinite row model over `dispatchCenterTodo`, oldest
 * first, with the order fields a dispatcher calls the customer with. Rows keep their ids, so a live
 * refresh keeps the selection and the scroll position.
 */
export function DispatchTodoGrid({ filter, onSelect, onReady, onError, onTotal, onOpen }: DispatchTodoGridProps) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const lng = currentLanguage();

  const datasource = useMemo(
    () =>
      createCursorDatasource<DispatchTodoRow, null>({
        sortOf: () => null,
        fetchPage: async (first, after) => (await client.query({ query: DispatchCenterTodoQuery, variables: { filter, first, after }, fetchPolicy: 'no-cache' })).data!.dispatchCenterTodo,
        onTotal,
        onError,
        blockSize: BLOCK_SIZE,
        prefetchSortModel: [],
      }),
    [client, filter, onError, onTotal],
  );

  const columnDefs = useMemo<ColDef<DispatchTodoRow>[]>(
    () => [
      { colId: 'workOrderNo', field: 'workOrderNo', headerName: t('workOrders.columns.workOrderNo'), width: 190, cellClass: 'mono' },
      { colId: 'customer', headerName: t('workOrders.columns.customer'), valueGetter: (p) => p.data?.order.customerName ?? '', width: 110 },
      { colId: 'phone', headerName: t('workOrders.columns.phone'), valueGetter: (p) => p.data?.order.customerPhone ?? '', width: 130, cellClass: 'mono' },
      { colId: 'address', headerName: t('workOrders.columns.address'), valueGetter: (p) => p.data?.order.address ?? '', flex: 1, minWidth: 200, tooltipValueGetter: (p) => p.value as string },
      { colId: 'area', headerName: t('dispatchCenter.columns.area'), valueGetter: (p) => localName(p.data?.order.organisation, lng), width: 130 },
      { colId: 'product', headerName: t('dispatchCenter.columns.product'), valueGetter: (p) => p.data?.order.productCode ?? '', width: 120, cellClass: 'mono' },
      { colId: 'acceptedAt', headerName: t('dispatchCenter.columns.acceptedAt'), valueGetter: (p) => formatDateTime(p.data?.order.acceptedAt), width: 155, cellClass: 'mono' },
      {
        colId: 'timeState',
        headerName: t('workOrders.columns.timeState'),
        valueGetter: (p) => (p.data ? timeStateLabel(t, p.data.timeState, p.data.acceptOverdue) : ''),
        cellClassRules: { 'cell-overdue': (p) => p.data?.timeState === 'OVERDUE', 'cell-warning': (p) => p.data?.timeState === 'WARNING' || (p.data?.acceptOverdue ?? false) },
        width: 110,
      },
      { colId: 'state', headerName: t('workOrders.columns.state'), valueGetter: (p) => (p.data ? stateLabel(t, p.data.state) : ''), width: 100 },
      { colId: 'handler', headerName: t('workOrders.columns.handler'), valueGetter: (p) => (p.data?.handler ? `${p.data.handler.name} ${p.data.handler.staffNo}` : ''), width: 130 },
    ],
    [t, lng],
  );

  const defaultColDef = useMemo<ColDef<DispatchTodoRow>>(() => ({ sortable: false, resizable: true, suppressMovable: true }), []);
  const localeText = useMemo(() => ({ loadingOoo: t('grid.loading'), noRowsToShow: t('dispatchCenter.empty') }), [t]);
  const getRowId = useCallback((p: GetRowIdParams<DispatchTodoRow>) => p.data.id, []);

  return (
    <div className="work-order-grid" data-testid="dispatch-todo-grid" role="region" aria-label={t('dispatchCenter.gridLabel')}>
      <AgGridReact<DispatchTodoRow>
        key={lng}
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={20}
        maxConcurrentDatasourceRequests={1}
        infiniteInitialRowCount={1}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
        localeText={localeText}
        tooltipShowDelay={500}
        onGridReady={(e: GridReadyEvent<DispatchTodoRow>) => onReady(e.api)}
        onSelectionChanged={(e: SelectionChangedEvent<DispatchTodoRow>) => onSelect(e.api.getSelectedRows()[0] ?? null)}
        onRowDoubleClicked={(e) => e.data && onOpen(e.data)}
        onCellKeyDown={(e) => {
          const key = (e.event as KeyboardEvent | null)?.key;
          if (key === 'Enter' && e.data) onOpen(e.data);
        }}
      />
    </div>
  );
}
