import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type {
  SortDirection,
  StaffCursorsQuery,
  StaffFilter,
  StaffPageQuery,
  StaffSortField,
} from '../../generated/graphql';

export type StaffRow = StaffPageQuery['staff']['edges'][number]['node'];

export interface StaffVariables {
  first: number;
  after: string | null;
  filter: StaffFilter;
  sortBy: StaffSortField;
  sortDirection: SortDirection;
}

export interface StaffDatasourceOptions {
  filter: StaffFilter;
  fetchPage: (variables: StaffVariables) => Promise<StaffPageQuery['staff']>;
  fetchCursors: (variables: StaffVariables) => Promise<StaffCursorsQuery['staff']>;
  onTotal?: (total: number) => void;
  onError?: (error: unknown) => void;
  /** Must equal the grid's `cacheBlockSize`. */
  blockSize?: number;
}

/** Largest page the API serves. */
const MAX_PAGE = 200;

/** Grid column → server sort field; other columns are not sortable. */
const SORT_FIELDS: Record<string, StaffSortField> = { staffNo: 'STAFF_NO', name: 'NAME' };

export function toServerSort(sortModel: readonly SortModelItem[]): { sortBy: StaffSortField; sortDirection: SortDirection } {
  const item = sortModel.find((s) => s.colId in SORT_FIELDS);
  if (!item) return { sortBy: 'STAFF_NO', sortDirection: 'ASC' };
  return { sortBy: SORT_FIELDS[item.colId], sortDirection: item.sort === 'desc' ? 'DESC' : 'ASC' };
}

/**
 * Infinite-row-model datasource over the `staff` cursor connection.
 *
 * The grid asks for rows by offset (`startRow`), the API by cursor. A map block start → cursor
 * (the `after` that begins that block) is filled from every page read; a block whose cursor is
 * unknown (the user dragged the scrollbar far down) is reached by walking cursor-only pages from
 * the nearest known block. The map is per sort order and starts over when the sort changes; a
 * new filter means a new datasource.
 */
export function createStaffDatasource(options: StaffDatasourceOptions): IDatasource {
  const { filter, fetchPage, fetchCursors, onTotal, onError, blockSize = 50 } = options;
  let orderKey = '';
  let cursors = new Map<number, string | null>();

  function record(map: Map<number, string | null>, startRow: number, edges: readonly { cursor: string }[]) {
    edges.forEach((edge, i) => {
      const row = startRow + i + 1;
      if (row % blockSize === 0) map.set(row, edge.cursor);
    });
  }

  /** The `after` cursor that begins `startRow`, or `undefined` when the list ends before it. */
  async function cursorFor(
    map: Map<number, string | null>,
    startRow: number,
    sort: Pick<StaffVariables, 'sortBy' | 'sortDirection'>,
  ): Promise<string | null | undefined> {
    while (!map.has(startRow)) {
      const known = Math.max(...[...map.keys()].filter((row) => row < startRow));
      const page = await fetchCursors({
        first: Math.min(MAX_PAGE, startRow - known),
        after: map.get(known) ?? null,
        filter,
        ...sort,
      });
      const before = map.size;
      record(map, known, page.edges);
      // No new block boundary reached: the list ends before `startRow`.
      if (map.size === before) return undefined;
    }
    return map.get(startRow);
  }

  async function load(params: IGetRowsParams): Promise<void> {
    const sort = toServerSort(params.sortModel);
    const key = `${sort.sortBy}:${sort.sortDirection}`;
    if (key !== orderKey) {
      orderKey = key;
      cursors = new Map([[0, null]]);
    }
    const map = cursors;
    const after = await cursorFor(map, params.startRow, sort);
    if (after === undefined) {
      // The list is shorter than the grid thought (rows were removed meanwhile).
      params.successCallback([], Math.max(...map.keys()));
      return;
    }
    const page = await fetchPage({ first: params.endRow - params.startRow, after, filter, ...sort });
    record(map, params.startRow, page.edges);
    onTotal?.(page.totalCount);
    const rows = page.edges.map((edge) => edge.node);
    const lastRow = page.pageInfo.hasNextPage ? Math.max(page.totalCount, params.startRow + rows.length + 1) : params.startRow + rows.length;
    params.successCallback(rows, lastRow);
  }

  return {
    getRows(params) {
      load(params).catch((error: unknown) => {
        onError?.(error);
        params.failCallback();
      });
    },
  };
}
