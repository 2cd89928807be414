import { useApolloClient } from '@apollo/client/react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, RowClassParams, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderQueueFilter, WorkOrderRowFieldsFragment } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { createCursorDatasource } from '../../../lib/cursor-datasource';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { WorkOrderQueueQuery } from '../graphql/work-order-queue-query';
import { stateLabel, timeStateLabel } from '../work-order-labels';

export type WorkOrderRow = WorkOrderRowFieldsFragment;

const BLOCK_SIZE = 100;

interface WorkOrderGridProps {
  filter: WorkOrderQueueFilter;
  onSelect: (rows: WorkOrderRow[]) => void;
  onReady: (api: GridApi<WorkOrderRow>) => void;
  onError: (error: unknown) => void;
  /** Enter or double-click on a row. */
  onOpen: (row: WorkOrderRow) => void;
  /** What an empty queue says (default: "No rows"). */
  emptyText?: string;
}

/**
 * A work-order queue: ag-grid's infinite row model over the `workOrders` connection, oldest first.
 * Rows are identified by id, so a refresh after a live event keeps the selection and the scroll
 * position.
 */
export function WorkOrderGrid({ filter, onSelect, onReady, onError, onOpen, emptyText }: WorkOrderGridProps) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const lng = currentLanguage();

  const datasource = useMemo(
    () =>
      createCursorDatasource<WorkOrderRow, null>({
        sortOf: () => null,
        fetchPage: async (first, after) => (await client.query({ query: WorkOrderQueueQuery, variables: { filter, first, after }, fetchPolicy: 'no-cache' })).data!.workOrders,
        onError,
        blockSize: BLOCK_SIZE,
        prefetchSortModel: [],
      }),
    [client, filter, onError],
  );

  const columnDefs = useMemo<ColDef<WorkOrderRow>[]>(
    () => [
      { colId: 'workOrderNo', field: 'workOrderNo', headerName: t('workOrders.columns.workOrderNo'), width: 190, cellClass: 'mono' },
      { colId: 'step', headerName: t('workOrders.columns.step'), valueGetter: (p) => localName(p.data?.step, lng), width: 140 },
      { colId: 'state', headerName: t('workOrders.columns.state'), valueGetter: (p) => (p.data ? stateLabel(t, p.data.state) : ''), width: 110 },
      {
        colId: 'timeState',
        headerName: t('workOrders.columns.timeState'),
        valueGetter: (p) => (p.data ? timeStateLabel(t, p.data.timeState, p.data.acceptOverdue) : ''),
        cellClassRules: { 'cell-overdue': (p) => p.data?.timeState === 'OVERDUE', 'cell-warning': (p) => p.data?.timeState === 'WARNING' || (p.data?.acceptOverdue ?? false) },
        width: 110,
      },
      { colId: 'customer', headerName: t('workOrders.columns.customer'), valueGetter: (p) => p.data?.order.customerName ?? '', width: 120 },
      { colId: 'phone', headerName: t('workOrders.columns.phone'), valueGetter: (p) => p.data?.order.customerPhone ?? '', width: 130, cellClass: 'mono' },
      { colId: 'address', headerName: t('workOrders.columns.address'), valueGetter: (p) => p.data?.order.address ?? '', flex: 1, minWidth: 180, tooltipValueGetter: (p) => p.value as string },
      { colId: 'position', headerName: t('workOrders.columns.position'), valueGetter: (p) => localName(p.data?.position, lng), width: 150 },
      { colId: 'handler', headerName: t('workOrders.columns.handler'), valueGetter: (p) => (p.data?.handler ? `${p.data.handler.name} ${p.data.handler.staffNo}` : ''), width: 140 },
      { colId: 'createdAt', headerName: t('workOrders.columns.createdAt'), valueGetter: (p) => formatDateTime(p.data?.createdAt), width: 160, cellClass: 'mono' },
      { colId: 'dueAt', headerName: t('workOrders.columns.dueAt'), valueGetter: (p) => formatDateTime(p.data?.dueAt), width: 160, cellClass: 'mono' },
    ],
    [t, lng],
  );

  const defaultColDef = useMemo<ColDef<WorkOrderRow>>(() => ({ sortable: false, resizable: true, suppressMovable: true }), []);
  const localeText = useMemo(() => ({ loadingOoo: t('grid.loading'), noRowsToShow: emptyText ?? t('grid.noRows') }), [t, emptyText]);
  const getRowId = useCallback((p: GetRowIdParams<WorkOrderRow>) => p.data.id, []);
  const rowClassRules = useMemo(() => ({ 'row-deferred': (p: RowClassParams<WorkOrderRow>) => !!p.data?.deferredTo }), []);

  return (
    <div className="work-order-grid" data-testid="work-order-grid" role="region" aria-label={t('workOrders.gridLabel')}>
      <AgGridReact<WorkOrderRow>
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
        rowClassRules={rowClassRules}
        rowSelection={{ mode: 'multiRow', enableClickSelection: true, checkboxes: true, headerCheckbox: false }}
        localeText={localeText}
        tooltipShowDelay={500}
        onGridReady={(e: GridReadyEvent<WorkOrderRow>) => onReady(e.api)}
        onSelectionChanged={(e: SelectionChangedEvent<WorkOrderRow>) => onSelect(e.api.getSelectedRows())}
        onRowDoubleClicked={(e) => e.data && onOpen(e.data)}
        onCellKeyDown={(e) => {
          const key = (e.event as KeyboardEvent | null)?.key;
          if (key === 'Enter' && e.data) onOpen(e.data);
        }}
      />
    </div>
  );
}
