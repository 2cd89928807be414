import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { createCache } from './apollo-cache';
import { clearToken, getToken, subscribeToken } from './auth-token';
import { i18n } from './i18n';
import { setWsStatus } from './ws-status';

const GRAPHQL_PATH = '/graphql';
/** Close code the API uses when a WebSocket's session is invalid or has ended. */
const SESSION_REFUSED = 4401;

/**
 * The token an operation was sent with. Operations may pin one through their context (logout
 * after the token was already forgotten); otherwise the current token is used.
 */
function operationToken(context: Readonly<Record<string, unknown>>): string | null {
  const pinned = context.authToken;
  return typeof pinned === 'string' ? pinned : getToken();
}

function webSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${GRAPHQL_PATH}`;
}

function createWsClient(): Client {
  return createClient({
    url: webSocketUrl,
    // Read on every (re)connect, so a reconnect always carries the current token.
    connectionParams: () => {
      const authToken = getToken();
      return authToken ? { authToken } : {};
    },
    lazy: true,
    lazyCloseTimeout: 3_000,
    keepAlive: 20_000,
    retryAttempts: 30,
    // Retry also when the network drops without a close event (laptop sleep, Wi-Fi change), but
    // not when the server refused the session (4401 ended/invalid, 4403 forbidden).
    shouldRetry: (event) => !(isCloseEvent(event) && (event.code === SESSION_REFUSED || event.code === 4403)),
    on: {
      connecting: () => setWsStatus('connecting'),
      connected: () => setWsStatus('connected'),
      closed: (event) => {
        setWsStatus('closed');
        // The server closes the sockets of a session that ended (logout elsewhere, idle, forced out).
        if (isCloseEvent(event) && event.code === SESSION_REFUSED && getToken() !== null) clearToken('session-ended');
      },
    },
  });
}

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  }
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * The one Apollo Client of the app: HTTP for queries and mutations, graphql-ws for
 * subscriptions, bearer token on both, and a way back to the login page when the server no
 * longer accepts the token.
 */
export function createApolloClient(): ApolloClient {
  const wsClient = createWsClient();

  const authLink = new SetContextLink((prevContext) => {
    const token = operationToken(prevContext);
    return {
      headers: {
        ...(prevContext.headers as Record<string, string> | undefined),
        'accept-language': i18n.language,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    };
  });

  const errorLink = new ErrorLink(({ error, operation }) => {
    if (!isUnauthenticated(error)) return;
    // Only the token that was refused is forgotten: a refusal of an older token (e.g. the logout
    // sent after an idle timeout) must not overwrite the reason shown to the user.
    const sentWith = operationToken(operation.getContext());
    if (sentWith !== null && sentWith === getToken()) clearToken('session-ended');
  });

  const httpLink = new HttpLink({ uri: GRAPHQL_PATH });
  const wsLink = new GraphQLWsLink(wsClient);

  const client = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([
      errorLink,
      ApolloLink.split(
        (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
        wsLink,
        authLink.concat(httpLink),
      ),
    ]),
  });

  let previous = getToken();
  subscribeToken(() => {
    const next = getToken();
    if (next === previous) return;
    const hadSession = previous !== null;
    previous = next;
    // The socket authenticated with the old token: drop it; graphql-ws reconnects (if anything
    // is still subscribed) and `connectionParams` then sends the new token.
    wsClient.terminate();
    if (next === null) {
      void client.clearStore().catch(() => undefined);
    } else if (hadSession) {
      // Another tab switched to a different session: everything cached belongs to the old one.
      void client.resetStore().catch(() => undefined);
    }
  });

  return client;
}
