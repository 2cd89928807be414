import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../../context.ts';
import { formatError } from '../../errors/app-error.ts';

/** Why an operation run on behalf of an HTTP route failed, with the HTTP status it maps to. */
export class OperationError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const statusOf: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, BAD_REQUEST: 400, GRAPHQL_VALIDATION_FAILED: 400 };

const documents = new Map<string, DocumentNode>();

/**
 * Runs a GraphQL operation of the API's own schema for an HTTP route (exports, PDFs): the same
 * resolvers, auth rules, data permissions and input validation as a client's request. Errors are
 * mapped once, as for GraphQL responses.
 */
export async function runOperation<Data>(schema: GraphQLSchema, source: string, variables: Record<string, unknown>, context: GraphQLContext): Promise<Data> {
  let document = documents.get(source);
  if (!document) documents.set(source, (document = parse(source)));
  const result = await execute({ schema, document, variableValues: variables, contextValue: context });
  const error = result.errors?.[0];
  if (error) {
    const formatted = formatError(error.toJSON(), error);
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    throw new OperationError(statusOf[code] ?? 500, code, formatted.message);
  }
  return result.data as Data;
}
