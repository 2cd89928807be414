import type { ReactNode } from 'react';
import type { useCursorPages } from './use-cursor-pages';
import { ListPager } from './list-pager';
import { ListStatus } from './list-status';
import './paged-table.css';

/** A page of a cursor connection as the drill-down lists read it. */
export interface PagedConnection<Node> {
  edges: readonly { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number | null;
  totalCountCapped?: boolean;
}

interface PagedTableProps<Node> {
  testId: string;
  pages: ReturnType<typeof useCursorPages>;
  pageSize: number;
  /** The page on screen (the previous one while the next loads). */
  connection: PagedConnection<Node> | undefined;
  /** The current page has arrived (not only the previous one). */
  loaded: boolean;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** The header cells. */
  head: ReactNode;
  row: (node: Node) => ReactNode;
  /** What the list says when it is empty (default: a generic "nothing to list"). */
  emptyText?: string;
}

/**
 * A drill-down list: loading / failed / empty status, the table of rows and the keyset pager. Each
 * list brings its own query, header cells and row.
 */
export function PagedTable<Node>({ testId, pages, pageSize, connection, loaded, loading, error, onRetry, head, row, emptyText }: PagedTableProps<Node>) {
  const rows = connection?.edges ?? [];
  return (
    <>
      <ListStatus loading={loading && !loaded} error={error} empty={loaded && rows.length === 0} onRetry={onRetry} emptyText={emptyText} />
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table drill-table" data-testid={testId}>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{rows.map(({ node }) => row(node))}</tbody>
          </table>
        </div>
      )}
      {connection && (rows.length > 0 || pages.pageIndex > 0) && (
        <ListPager
          pageIndex={pages.pageIndex}
          pageSize={pageSize}
          rows={rows.length}
          total={connection.totalCount}
          totalCapped={connection.totalCountCapped}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loading}
          onPrevious={pages.previous}
          onNext={() => pages.next(connection.pageInfo.endCursor)}
        />
      )}
    </>
  );
}
