import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { COUNT_LIMIT, countAhead, selectsCount, toConnection } from '../connection.ts';

/** What a resolver of the query's first root field gets in `info` (the parts selectsCount reads). */
function infoOf(query: string, variableValues: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments, variableValues };
}

const page = { items: [], hasNextPage: false, hasPreviousPage: false };

describe('selectsCount', () => {
  it('finds totalCount or totalCountCapped on the field, in inline fragments and in named fragments', () => {
    expect(selectsCount(infoOf('{ workOrderQuery { totalCount edges { cursor } } }'))).toBe(true);
    expect(selectsCount(infoOf('{ orders { totalCountCapped } }'))).toBe(true);
    expect(selectsCount(infoOf('{ orders { ... on OrderConnection { totalCount } } }'))).toBe(true);
    expect(selectsCount(infoOf('query { orders { ...Grid } } fragment Grid on OrderConnection { pageInfo { hasNextPage } ...Counted } fragment Counted on OrderConnection { totalCount }'))).toBe(true);
  });

  it('follows @include and @skip as the variables decide them (the query grids count on their first page only)', () => {
    const grid = 'query ($withCount: Boolean!) { workOrderQuery { totalCount @include(if: $withCount) totalCountCapped @include(if: $withCount) edges { cursor } } }';
    expect(selectsCount(infoOf(grid, { withCount: true }))).toBe(true);
    expect(selectsCount(infoOf(grid, { withCount: false }))).toBe(false);
    expect(selectsCount(infoOf('query ($page: Boolean!) { orders { totalCount @skip(if: $page) } }', { page: true }))).toBe(false);
    expect(selectsCount(infoOf('query ($c: Boolean!) { orders { ...Counted @include(if: $c) } } fragment Counted on OrderConnection { totalCount }', { c: false }))).toBe(false);
    expect(selectsCount(infoOf('query ($c: Boolean!) { orders { ... @include(if: $c) { totalCount } } }', { c: true }))).toBe(true);
  });

  it('is false when only rows are selected, even when a nested object has a field of that name', () => {
    expect(selectsCount(infoOf('{ workOrderQuery { edges { node { id } } pageInfo { hasNextPage } } }'))).toBe(false);
    expect(selectsCount(infoOf('{ workOrderQuery { edges { node { stats { totalCount } } } } }'))).toBe(false);
    expect(selectsCount(infoOf('query { orders { ...A } } fragment A on OrderConnection { ...A edges { cursor } }'))).toBe(false);
  });
});

describe('toConnection', () => {
  it('counts on demand, once, up to one more than the limit', async () => {
    const countUpTo = vi.fn(async (limit: number) => limit - 1);
    const connection = toConnection(page, countUpTo);
    expect(countUpTo).not.toHaveBeenCalled();
    expect(await connection.count()).toBe(COUNT_LIMIT);
    expect(await connection.count()).toBe(COUNT_LIMIT);
    expect(countUpTo).toHaveBeenCalledTimes(1);
    expect(countUpTo).toHaveBeenCalledWith(COUNT_LIMIT + 1);
  });

  it('answers with a count started ahead of the page instead of counting again', async () => {
    const countUpTo = vi.fn(async () => 42);
    const ahead = countAhead(countUpTo);
    expect(countUpTo).toHaveBeenCalledWith(COUNT_LIMIT + 1);
    const connection = toConnection(page, countUpTo, ahead);
    expect(await connection.count()).toBe(42);
    expect(countUpTo).toHaveBeenCalledTimes(1);
  });

  it('a count started ahead that fails is reported by count(), and is no unhandled rejection if nobody asks', async () => {
    const failing = countAhead(async () => {
      throw new Error('database gone');
    });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(toConnection(page, async () => 0, failing).count()).rejects.toThrow('database gone');
    countAhead(async () => {
      throw new Error('nobody asks');
    });
  });
});
