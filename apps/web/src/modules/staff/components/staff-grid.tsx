import { useApolloClient } from '@apollo/client/react';
import type { ColDef, GetRowIdParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffFilter } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { StaffCursorsQuery } from '../graphql/staff-cursors-query';
import { StaffPageQuery } from '../graphql/staff-page-query';
import { createStaffDatasource, type StaffRow, type StaffVariables } from '../staff-datasource';

const BLOCK_SIZE = 50;

interface StaffGridProps {
  filter: StaffFilter;
  /** Change it to reload from row 0 with the same filter (retry after an error). */
  reloadKey?: number;
  onTotal: (total: number) => void;
  onError: (error: unknown) => void;
  /** Rows can be selected (one at a time) when given. */
  onSelect?: (row: StaffRow | null) => void;
}

/** The staff list: ag-grid's infinite row model over the `staff` connection, sorted server-side. */
export function StaffGrid({ filter, reloadKey = 0, onTotal, onError, onSelect }: StaffGridProps) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const lng = currentLanguage();

  const datasource = useMemo(() => {
    const fetchPage = async (variables: StaffVariables) =>
      (await client.query({ query: StaffPageQuery, variables, fetchPolicy: 'no-cache' })).data!.staff;
    const fetchCursors = async (variables: StaffVariables) =>
      (await client.query({ query: StaffCursorsQuery, variables, fetchPolicy: 'no-cache' })).data!.staff;
    return createStaffDatasource({ filter, fetchPage, fetchCursors, onTotal, onError, blockSize: BLOCK_SIZE });
    // A new filter is a new datasource: the grid drops its blocks and starts from row 0.
    // `reloadKey` is listed only to force a new datasource (retry).
  }, [client, filter, reloadKey, onTotal, onError]);

  const columnDefs = useMemo<ColDef<StaffRow>[]>(
    () => [
      {
        colId: 'staffNo',
        field: 'staffNo',
        headerName: t('staff.columns.staffNo'),
        sortable: true,
        sort: 'asc',
        width: 130,
        cellClass: 'mono',
      },
      { colId: 'name', field: 'name', headerName: t('staff.columns.name'), sortable: true, width: 140 },
      {
        colId: 'organisation',
        headerName: t('staff.columns.organisation'),
        valueGetter: (p) => localName(p.data?.organisation, lng),
        flex: 1,
        minWidth: 160,
      },
      {
        colId: 'positions',
        headerName: t('staff.columns.positions'),
        valueGetter: (p) => p.data?.positions.map((pos) => localName(pos, lng)).join(lng === 'en' ? ', ' : '、') ?? '',
        flex: 1.4,
        minWidth: 180,
        tooltipValueGetter: (p) => p.value as string,
      },
      { colId: 'phone', field: 'phone', headerName: t('staff.columns.phone'), width: 140, cellClass: 'mono' },
      {
        colId: 'active',
        headerName: t('staff.columns.active'),
        valueGetter: (p) => (p.data ? (p.data.active ? t('common.yes') : t('common.no')) : ''),
        cellClassRules: { 'cell-inactive': (p) => p.data?.active === false },
        width: 90,
      },
    ],
    [t, lng],
  );

  const defaultColDef = useMemo<ColDef<StaffRow>>(() => ({ sortable: false, resizable: true, suppressMovable: true }), []);
  const localeText = useMemo(
    () => ({ loadingOoo: t('grid.loading'), noRowsToShow: t('grid.noRows') }),
    [t],
  );
  const getRowId = useCallback((p: GetRowIdParams<StaffRow>) => p.data.id, []);

  return (
    <div className="staff-grid" data-testid="staff-grid" role="region" aria-label={t('staff.gridLabel')}>
      <AgGridReact<StaffRow>
        // Locale texts are read once at start-up: a language switch rebuilds the grid.
        key={lng}
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={40}
        maxConcurrentDatasourceRequests={1}
        infiniteInitialRowCount={BLOCK_SIZE}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        sortingOrder={['asc', 'desc']}
        getRowId={getRowId}
        localeText={localeText}
        tooltipShowDelay={500}
        rowSelection={onSelect ? { mode: 'singleRow', enableClickSelection: true, checkboxes: false } : undefined}
        onSelectionChanged={onSelect ? (e) => onSelect(e.api.getSelectedRows()[0] ?? null) : undefined}
        // A reload keeps the selected row (same id) with fresh data: the page gets the fresh row.
        onModelUpdated={onSelect ? (e) => onSelect(e.api.getSelectedRows()[0] ?? null) : undefined}
      />
    </div>
  );
}
