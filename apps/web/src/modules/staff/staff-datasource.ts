import type { IDatasource, SortModelItem } from 'ag-grid-community';
import { createCursorDatasource } from '../../lib/cursor-datasource';
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

/** Grid column → server sort field; other columns are not sortable. */
const SORT_FIELDS: Record<string, StaffSortField> = { staffNo: 'STAFF_NO', name: 'NAME' };

export function toServerSort(sortModel: readonly SortModelItem[]): { sortBy: StaffSortField; sortDirection: SortDirection } {
  const item = sortModel.find((s) => s.colId in SORT_FIELDS);
  if (!item) return { sortBy: 'STAFF_NO', sortDirection: 'ASC' };
  return { sortBy: SORT_FIELDS[item.colId], sortDirection: item.sort === 'desc' ? 'DESC' : 'ASC' };
}

/** Infinite-row-model datasource over the `staff` connection (see `createCursorDatasource`). */
export function createStaffDatasource(options: StaffDatasourceOptions): IDatasource {
  const { filter, fetchPage, fetchCursors, onTotal, onError, blockSize = 50 } = options;
  return createCursorDatasource({
    sortOf: toServerSort,
    fetchPage: (first, after, sort) => fetchPage({ first, after, filter, ...sort }),
    fetchCursors: (first, after, sort) => fetchCursors({ first, after, filter, ...sort }),
    onTotal,
    onError,
    blockSize,
  });
}
