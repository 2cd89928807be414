import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from '../lib/logger.ts';
import { currentRequestId } from '../lib/request-scope.ts';

/** Codes of unexpected failures, mapped once to `extensions.code`. */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'STAFF_NOT_SELECTED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT';

/** The public `extensions.code` of each AppError code; `extensions.reason` keeps the precise one. */
const publicCode: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'UNAUTHENTICATED',
  STAFF_NOT_SELECTED: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
};

/**
 * The one error type services throw for failures that are not expected business outcomes
 * (those are returned as data: `{ ok: false, error }`).
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { field?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** GraphQL-level codes that are safe to show as they are (raised by graphql-js or Apollo). */
const passThroughCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_LARGE',
]);

/**
 * Maps every error leaving the API once: AppError → its code; graphql/Apollo input errors pass;
 * anything else is masked as INTERNAL_SERVER_ERROR and logged with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const requestId = currentRequestId();
  const original = unwrap(error);
  if (original instanceof AppError) {
    const code = original.code;
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: publicCode[code],
        reason: code,
        ...(original.details.field ? { field: original.details.field } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && passThroughCodes.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof GraphQLError && !original.originalError && typeof code !== 'string') {
    // A plain GraphQLError raised on purpose (e.g. by graphql-js validation); its message is safe.
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_REQUEST' } };
  }
  logger.error('unexpected error', {
    requestId,
    path: formatted.path,
    error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original),
  });
  return {
    message: `Internal server error (request ${requestId ?? 'unknown'}); the details are in the server log.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}

/** The error a resolver (or a subscription's source stream) actually threw, under GraphQL's wrappers. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
