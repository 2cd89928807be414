import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { createRequire } from 'node:module';
import type { ApiConfig } from '../config.ts';

// graphql-query-complexity's ESM build imports graphql's .mjs files, while everything else (Node's
// resolution of `graphql`) gets the CommonJS build: two graphql realms that refuse each other's
// types. Its CommonJS build shares our realm.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

/** Lists cost their page size: `first: 200` of a 5-field node costs about 200 × 6. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(1, childComplexity);
};

export function validationRules(limits: ApiConfig['limits']): ValidationRule[] {
  return [depthLimit(limits.maxDepth, {}, () => undefined)];
}

/** Refuses an operation whose estimated cost is over the limit. */
export function assertComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: ApiConfig['limits'],
): void {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // The estimate reads the variables before execution does: report bad ones as execution would.
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
  if (complexity > limits.maxComplexity) {
    throw new GraphQLError(`Query is too complex: cost ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for fewer items or fields.`, {
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  }
}

export function assertQueryLength(query: string | undefined, limits: ApiConfig['limits']): void {
  if (query && query.length > limits.maxQueryLength) {
    throw new GraphQLError(`Query is too large: ${query.length} characters exceeds the limit of ${limits.maxQueryLength}.`, {
      extensions: { code: 'QUERY_TOO_LARGE' },
    });
  }
}
