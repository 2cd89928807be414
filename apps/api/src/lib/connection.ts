import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type GraphQLResolveInfo, type SelectionNode, type SelectionSetNode } from 'graphql';
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
export function toConnection<Node>(page: KeysetPage<Node>, countUpTo: (limit: number) => Promise<number>, countedAhead?: Promise<number>): ConnectionRecord<Node> {
  let counted = countedAhead;
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

/**
 * Starts the bounded count now, before the page is read, for a client that selects it
 * (`selectsCount`): the two statements then run at once on their own connections, and the answer
 * waits for the slower one instead of both in turn. Pass the result to `toConnection`.
 */
export function countAhead(countUpTo: (limit: number) => Promise<number>): Promise<number> {
  const counting = countUpTo(COUNT_LIMIT + 1);
  // Awaited by the count resolver; when the page fails first nobody does, and that is no crash.
  counting.catch(() => undefined);
  return counting;
}

const countFields = new Set(['totalCount', 'totalCountCapped']);

/**
 * Whether the connection field being resolved selects its count, directly or through fragments,
 * with `@include`/`@skip` as the request's variables decide them (the SPA's query grids ask for the
 * count with `@include(if: $withCount)` on their first page only).
 */
export function selectsCount(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>): boolean {
  const seen = new Set<string>();
  const included = (selection: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false;
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((selection) => {
      if (!included(selection)) return false;
      if (selection.kind === Kind.FIELD) return countFields.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return inSet(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}

/** Resolvers of the count fields every counted connection type has. */
export const countResolvers = {
  totalCount: async (connection: ConnectionRecord<unknown>) => Math.min(await connection.count(), COUNT_LIMIT),
  totalCountCapped: async (connection: ConnectionRecord<unknown>) => (await connection.count()) > COUNT_LIMIT,
};
