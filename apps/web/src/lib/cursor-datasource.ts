import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';

/** A page of a cursor connection, as far as the grid needs it. */
export interface CursorPage<Row> {
  edges: readonly { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean };
  /** When the list knows its size. */
  totalCount?: number;
}

export interface CursorDatasourceOptions<Row, Sort> {
  /** The server sort for the grid's sort model; its JSON is the key of the cursor map. */
  sortOf: (sortModel: readonly SortModelItem[]) => Sort;
  fetchPage: (first: number, after: string | null, sort: Sort) => Promise<CursorPage<Row>>;
  /** A cheaper page with cursors only, to walk to a far block (defaults to `fetchPage`). */
  fetchCursors?: (first: number, after: string | null, sort: Sort) => Promise<{ edges: readonly { cursor: string }[] }>;
  onTotal?: (total: number) => void;
  onError?: (error: unknown) => void;
  /** Must equal the grid's `cacheBlockSize`. */
  blockSize?: number;
  /**
   * Start reading the first block (in the sort of this sort model) as soon as the datasource is
   * made, before the grid asks: a grid takes a few hundred milliseconds to set itself up on a slow
   * machine, and the first rows need not wait for that. Used once; later reads go to the server.
   */
  prefetchSortModel?: readonly SortModelItem[];
}

/** Largest page the API serves. */
const MAX_PAGE = 200;

/**
 * ag-grid infinite-row-model datasource over a cursor connection.
 *
 * The grid asks for rows by offset (`startRow`), the API by cursor. A map block start → cursor
 * (the `after` that begins that block) is filled from every page read; a block whose cursor is
 * unknown (the user dragged the scrollbar far down) is reached by walking cursor-only pages from
 * the nearest known block. The map is per sort order and starts over when the sort changes; a
 * new filter means a new datasource.
 */
export function createCursorDatasource<Row, Sort>(options: CursorDatasourceOptions<Row, Sort>): IDatasource {
  const { sortOf, fetchPage, fetchCursors = fetchPage, onTotal, onError, blockSize = 50, prefetchSortModel } = options;
  let orderKey = '';
  let cursors = new Map<number, string | null>();
  let prefetched: { key: string; page: Promise<CursorPage<Row>> } | null = null;
  if (prefetchSortModel) {
    const sort = sortOf(prefetchSortModel);
    const page = fetchPage(blockSize, null, sort);
    // Unused when the grid asks for something else; its failure then concerns nobody.
    page.catch(() => undefined);
    prefetched = { key: JSON.stringify(sort), page };
  }

  /** The prefetched first block when this read is exactly that block, once. */
  function takePrefetched(key: string, startRow: number, first: number): Promise<CursorPage<Row>> | null {
    const match = prefetched && prefetched.key === key && startRow === 0 && first === blockSize ? prefetched.page : null;
    prefetched = null;
    return match;
  }

  function record(map: Map<number, string | null>, startRow: number, edges: readonly { cursor: string }[]) {
    edges.forEach((edge, i) => {
      const row = startRow + i + 1;
      if (row % blockSize === 0) map.set(row, edge.cursor);
    });
  }

  /** The `after` cursor that begins `startRow`, or `undefined` when the list ends before it. */
  async function cursorFor(map: Map<number, string | null>, startRow: number, sort: Sort): Promise<string | null | undefined> {
    while (!map.has(startRow)) {
      const known = Math.max(...[...map.keys()].filter((row) => row < startRow));
      const page = await fetchCursors(Math.min(MAX_PAGE, startRow - known), map.get(known) ?? null, sort);
      const before = map.size;
      record(map, known, page.edges);
      // No new block boundary reached: the list ends before `startRow`.
      if (map.size === before) return undefined;
    }
    return map.get(startRow);
  }

  async function load(params: IGetRowsParams): Promise<void> {
    const sort = sortOf(params.sortModel);
    const key = JSON.stringify(sort);
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
    const first = params.endRow - params.startRow;
    const page = await (takePrefetched(key, params.startRow, first) ?? fetchPage(first, after, sort));
    record(map, params.startRow, page.edges);
    if (page.totalCount !== undefined) onTotal?.(page.totalCount);
    const rows = page.edges.map((edge) => edge.node);
    const end = params.startRow + rows.length;
    const lastRow = page.pageInfo.hasNextPage ? (page.totalCount !== undefined ? Math.max(page.totalCount, end + 1) : -1) : end;
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
