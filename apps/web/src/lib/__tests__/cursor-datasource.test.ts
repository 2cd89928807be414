import type { IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { describe, expect, it, vi } from 'vitest';
import { createCursorDatasource, type CursorPage } from '../cursor-datasource';

type Row = { n: number };
type Sort = 'ASC' | 'DESC';

/** A connection over `total` numbered rows whose cursors are their numbers, in either order. */
function fakeConnection(total: number) {
  return vi.fn(async (first: number, after: string | null, sort: Sort): Promise<CursorPage<Row>> => {
    const all = Array.from({ length: total }, (_, i) => (sort === 'ASC' ? i : total - 1 - i));
    const start = after === null ? 0 : all.indexOf(Number(after)) + 1;
    const nodes = all.slice(start, start + first);
    return { edges: nodes.map((n) => ({ cursor: String(n), node: { n } })), pageInfo: { hasNextPage: start + first < total } };
  });
}

function getRows(ds: ReturnType<typeof createCursorDatasource>, startRow: number, size: number, sortModel: SortModelItem[] = []) {
  return new Promise<{ rows: Row[]; lastRow?: number }>((resolve, reject) =>
    ds.getRows({
      startRow,
      endRow: startRow + size,
      sortModel,
      filterModel: {},
      successCallback: (rows: Row[], lastRow?: number) => resolve({ rows, lastRow }),
      failCallback: () => reject(new Error('failed')),
    } as unknown as IGetRowsParams),
  );
}

const sortOf = (model: readonly SortModelItem[]): Sort => (model[0]?.sort === 'desc' ? 'DESC' : 'ASC');

describe('createCursorDatasource with a prefetched first block', () => {
  it('reads the first block when made, and the grid’s first request uses that read', async () => {
    const fetchPage = fakeConnection(30);
    const ds = createCursorDatasource<Row, Sort>({ sortOf, fetchPage, blockSize: 10, prefetchSortModel: [] });
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(fetchPage).toHaveBeenCalledWith(10, null, 'ASC');

    const first = await getRows(ds, 0, 10);
    expect(first.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fetchPage).toHaveBeenCalledTimes(1);

    // Used once: the next block, and a refresh of the first, go to the server.
    expect((await getRows(ds, 10, 10)).rows[0]).toEqual({ n: 10 });
    expect((await getRows(ds, 0, 10)).rows[0]).toEqual({ n: 0 });
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it('ignores the prefetched block when the grid first asks in another sort', async () => {
    const fetchPage = fakeConnection(30);
    const ds = createCursorDatasource<Row, Sort>({ sortOf, fetchPage, blockSize: 10, prefetchSortModel: [] });
    const first = await getRows(ds, 0, 10, [{ colId: 'n', sort: 'desc' }]);
    expect(first.rows[0]).toEqual({ n: 29 });
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('reports the failure of a prefetched block that the grid uses', async () => {
    const fetchPage = vi.fn(async (): Promise<CursorPage<Row>> => {
      throw new Error('network down');
    });
    const onError = vi.fn();
    const ds = createCursorDatasource<Row, Sort>({ sortOf, fetchPage, blockSize: 10, prefetchSortModel: [], onError });
    await expect(getRows(ds, 0, 10)).rejects.toThrow('failed');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'network down' }));
  });

  it('does not read anything before the grid asks when no prefetch is wanted', () => {
    const fetchPage = fakeConnection(30);
    createCursorDatasource<Row, Sort>({ sortOf, fetchPage, blockSize: 10 });
    expect(fetchPage).not.toHaveBeenCalled();
  });
});
