import type { ColDef, GetRowIdParams, SelectionChangedEvent, SortChangedEvent, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortDirection } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { createCursorDatasource, type CursorPage } from '../../../lib/cursor-datasource';
import { currentLanguage } from '../../../lib/i18n';

const BLOCK_SIZE = 100;

/** A page of a query connection with its bounded count (read with the first block only). */
export type QueryPage<Row> = CursorPage<Row> & { totalCountCapped?: boolean };

export interface QuerySort<Field extends string> {
  sortBy: Field;
  sortDirection: SortDirection;
}

interface QueryGridProps<Row extends { id: string }, Field extends string> {
  label: string;
  columnDefs: ColDef<Row>[];
  /** Grid column id → server sort field, for the sortable columns. */
  sortColumns: Record<string, Field>;
  sort: QuerySort<Field>;
  /** A new value (the query changed) means a new datasource. */
  queryKey: string;
  fetchPage: (first: number, after: string | null, sort: QuerySort<Field>) => Promise<QueryPage<Row>>;
  onSortChange: (sort: QuerySort<Field>) => void;
  onTotal: (total: { count: number; capped: boolean }) => void;
  onSelect: (rows: Row[]) => void;
  onError: (error: unknown) => void;
  multiSelect?: boolean;
}

/**
 * A query result: ag-grid's infinite row model over a keyset connection, sorted on the server by
 * the columns the API can sort by. The sort lives in the URL like the conditions; the grid starts
 * with it and reports changes.
 */
export function QueryGrid<Row extends { id: string }, Field extends string>(props: QueryGridProps<Row, Field>) {
  const { label, columnDefs, sortColumns, sort, queryKey, fetchPage, onSortChange, onTotal, onSelect, onError, multiSelect = false } = props;
  const { t } = useTranslation();
  const lng = currentLanguage();
  const columnOf = useMemo(() => Object.fromEntries(Object.entries(sortColumns).map(([colId, field]) => [field, colId])) as Record<string, string>, [sortColumns]);

  // The grid already re-reads when its sort changes: the URL's sort is only the starting point, so a
  // sort change reported back to the URL must not make a second datasource.
  const fallbackSort = useRef(sort);
  fallbackSort.current = sort;
  const sortOf = useCallback(
    (model: readonly SortModelItem[]): QuerySort<Field> => {
      const item = model.find((m) => m.colId in sortColumns);
      return item ? { sortBy: sortColumns[item.colId], sortDirection: item.sort === 'asc' ? 'ASC' : 'DESC' } : fallbackSort.current;
    },
    [sortColumns],
  );

  // A new query (queryKey) means a new datasource.
  const datasource = useMemo(
    () =>
      createCursorDatasource<Row, QuerySort<Field>>({
        sortOf,
        fetchPage: async (first, after, s) => {
          const page = await fetchPage(first, after, s);
          if (page.totalCount !== undefined) onTotal({ count: page.totalCount, capped: page.totalCountCapped ?? false });
          return page;
        },
        onError,
        blockSize: BLOCK_SIZE,
      }),
    [queryKey, fetchPage, onError, onTotal, sortOf],
  );

  const columns = useMemo<ColDef<Row>[]>(
    () => columnDefs.map((column) => ({ ...column, sortable: (column.colId ?? '') in sortColumns, initialSort: columnOf[sort.sortBy] === column.colId ? (sort.sortDirection === 'ASC' ? 'asc' : 'desc') : undefined })),
    // The initial sort only matters when the grid is created (per language).
    [columnDefs, sortColumns, columnOf],
  );
  const defaultColDef = useMemo<ColDef<Row>>(() => ({ resizable: true, suppressMovable: true, sortingOrder: ['desc', 'asc'] }), []);
  const localeText = useMemo(() => ({ loadingOoo: t('grid.loading'), noRowsToShow: t('grid.noRows') }), [t]);
  const getRowId = useCallback((p: GetRowIdParams<Row>) => p.data.id, []);

  return (
    <div className="query-grid" data-testid="query-grid" role="region" aria-label={label}>
      <AgGridReact<Row>
        key={lng}
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={20}
        maxConcurrentDatasourceRequests={1}
        infiniteInitialRowCount={1}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowSelection={multiSelect ? { mode: 'multiRow', enableClickSelection: true, checkboxes: true, headerCheckbox: false } : { mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
        localeText={localeText}
        tooltipShowDelay={500}
        onSortChanged={(e: SortChangedEvent<Row>) => {
          const next = sortOf(e.api.getColumnState().filter((c) => c.sort).map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' })));
          if (next.sortBy !== sort.sortBy || next.sortDirection !== sort.sortDirection) onSortChange(next);
        }}
        onSelectionChanged={(e: SelectionChangedEvent<Row>) => onSelect(e.api.getSelectedRows())}
      />
    </div>
  );
}
