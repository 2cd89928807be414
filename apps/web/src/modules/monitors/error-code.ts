import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The API's `extensions.code` of a failed operation (FORBIDDEN, NOT_FOUND, …), if it has one. */
export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  return typeof code === 'string' ? code : null;
}
