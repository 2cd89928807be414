import type { IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { describe, expect, it, vi } from 'vitest';
import { createStaffDatasource, toServerSort, type StaffVariables } from '../staff-datasource';

/** A fake `staff` connection over N rows whose cursors are `c<index>`. */
function fakeApi(total: number) {
  const rows = Array.from({ length: total }, (_, i) => ({ id: `id${i}`, staffNo: `GZ${String(i).padStart(4, '0')}` }));
  const slice = (v: StaffVariables) => {
    const start = v.after === null ? 0 : Number(v.after.slice(1)) + 1;
    const edges = rows.slice(start, start + v.first).map((node, i) => ({ cursor: `c${start + i}`, node }));
    return {
      totalCount: total,
      pageInfo: { hasNextPage: start + v.first < total, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    };
  };
  const fetchPage = vi.fn(async (v: StaffVariables) => slice(v) as never);
  const fetchCursors = vi.fn(async (v: StaffVariables) => {
    const page = slice(v);
    return { pageInfo: page.pageInfo, edges: page.edges.map((e) => ({ cursor: e.cursor })) } as never;
  });
  return { fetchPage, fetchCursors };
}

function getRows(
  ds: ReturnType<typeof createStaffDatasource>,
  startRow: number,
  sortModel: SortModelItem[] = [],
): Promise<{ rows: { staffNo: string }[]; lastRow?: number }> {
  return new Promise((resolve, reject) => {
    ds.getRows({
      startRow,
      endRow: startRow + 50,
      sortModel,
      filterModel: {},
      successCallback: (rows: { staffNo: string }[], lastRow?: number) => resolve({ rows, lastRow }),
      failCallback: () => reject(new Error('failed')),
    } as unknown as IGetRowsParams);
  });
}

describe('createStaffDatasource', () => {
  it('reads blocks in order, passing the previous block’s end cursor as `after`', async () => {
    const api = fakeApi(120);
    const onTotal = vi.fn();
    const ds = createStaffDatasource({ filter: { search: 'zh' }, ...api, onTotal });

    const first = await getRows(ds, 0);
    expect(first.rows[0].staffNo).toBe('GZ0000');
    expect(first.lastRow).toBe(120);
    expect(onTotal).toHaveBeenCalledWith(120);

    const second = await getRows(ds, 50);
    expect(second.rows[0].staffNo).toBe('GZ0050');
    expect(api.fetchPage).toHaveBeenLastCalledWith({
      first: 50, after: 'c49', filter: { search: 'zh' }, sortBy: 'STAFF_NO', sortDirection: 'ASC',
    });

    const third = await getRows(ds, 100);
    expect(third.rows).toHaveLength(20);
    expect(third.lastRow).toBe(120);
    expect(api.fetchCursors).not.toHaveBeenCalled();
  });

  it('walks cursor-only pages to reach a block whose cursor it has not seen', async () => {
    const api = fakeApi(1000);
    const ds = createStaffDatasource({ filter: {}, ...api });
    const far = await getRows(ds, 450);
    expect(far.rows[0].staffNo).toBe('GZ0450');
    expect(api.fetchCursors.mock.calls.map(([v]) => [v.first, v.after])).toEqual([
      [200, null],
      [200, 'c199'],
      [50, 'c399'],
    ]);
    // Now known: no walking for a block in between.
    api.fetchCursors.mockClear();
    expect((await getRows(ds, 250)).rows[0].staffNo).toBe('GZ0250');
    expect(api.fetchCursors).not.toHaveBeenCalled();
  });

  it('ends the list when a far block lies beyond its end', async () => {
    const api = fakeApi(60);
    const ds = createStaffDatasource({ filter: {}, ...api });
    const result = await getRows(ds, 200);
    expect(result.rows).toEqual([]);
    expect(result.lastRow).toBe(50);
  });

  it('starts over when the sort changes', async () => {
    const api = fakeApi(120);
    const ds = createStaffDatasource({ filter: {}, ...api });
    await getRows(ds, 0);
    await getRows(ds, 0, [{ colId: 'name', sort: 'desc' }]);
    expect(api.fetchPage).toHaveBeenLastCalledWith(
      expect.objectContaining({ after: null, sortBy: 'NAME', sortDirection: 'DESC' }),
    );
    await getRows(ds, 50, [{ colId: 'name', sort: 'desc' }]);
    expect(api.fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ after: 'c49' }));
  });

  it('reports failures to the grid and the caller', async () => {
    const onError = vi.fn();
    const ds = createStaffDatasource({
      filter: {},
      fetchPage: () => Promise.reject(new Error('boom')),
      fetchCursors: () => Promise.reject(new Error('boom')),
      onError,
    });
    await expect(getRows(ds, 0)).rejects.toThrow('failed');
    expect(onError).toHaveBeenCalled();
  });
});

describe('toServerSort', () => {
  it('maps grid columns to server sort fields', () => {
    expect(toServerSort([])).toEqual({ sortBy: 'STAFF_NO', sortDirection: 'ASC' });
    expect(toServerSort([{ colId: 'staffNo', sort: 'desc' }])).toEqual({ sortBy: 'STAFF_NO', sortDirection: 'DESC' });
    expect(toServerSort([{ colId: 'name', sort: 'asc' }])).toEqual({ sortBy: 'NAME', sortDirection: 'ASC' });
    expect(toServerSort([{ colId: 'phone', sort: 'asc' }])).toEqual({ sortBy: 'STAFF_NO', sortDirection: 'ASC' });
  });
});
