import type { KeysetPage } from './keyset.ts';

/** Lists count matching rows up to this many; beyond it they only say "more". */
export const COUNT_LIMIT = 10_000;

/**
 * A page as the connection resolvers read it. The count is a function, run only when a client
 * selects `totalCount` or `totalCountCapped` (once for both), so paging costs nothing extra.
 */
export interface ConnectionRecord<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Matching rows, counted up to COUNT_LIMIT + 1. */
  count(): Promise<number>;
}

/**
 * A connection from a keyset page and a bounded count: `countUpTo(n)` must read at most n matching
 * rows (Prisma `count({ where, take: n })`), which keeps the count cheap on large tables where an
 * exact COUNT(*) would read every matching row on every page.
 */
export function toConnection<Node>(page: KeysetPage<Node>, countUpTo: (limit: number) => Promise<number>): ConnectionRecord<Node> {
  let counted: Promise<number> | undefined;
  return {
    edges: page.items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items.at(-1)?.cursor ?? null,
    },
    count: () => (counted ??= countUpTo(COUNT_LIMIT + 1)),
  };
}

/** Resolvers of the count fields every counted connection type has. */
export const countResolvers = {
  totalCount: async (connection: ConnectionRecord<unknown>) => Math.min(await connection.count(), COUNT_LIMIT),
  totalCountCapped: async (connection: ConnectionRecord<unknown>) => (await connection.count()) > COUNT_LIMIT,
};
