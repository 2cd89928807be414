import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { clearToken, getToken, type SignOutReason } from '../../../lib/auth-token';
import { LogoutMutation } from '../graphql/logout-mutation';

/**
 * Ends the session: forgets the token at once (the guards then show the login page with the
 * reason) and tells the server. The token is pinned on the request because it is no longer the
 * current one; a refusal (session already gone) is harmless.
 */
export function useSignOut(): (reason: SignOutReason) => void {
  const client = useApolloClient();
  return useCallback(
    (reason: SignOutReason) => {
      const token = getToken();
      if (!token) return;
      clearToken(reason);
      client
        .mutate({ mutation: LogoutMutation, context: { authToken: token }, fetchPolicy: 'no-cache' })
        .catch(() => undefined);
    },
    [client],
  );
}
