import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiConfig } from './config.ts';
import { bearerToken, createContext, type GraphQLContext } from './context.ts';
import { formatError } from './errors/app-error.ts';
import { assertComplexity, assertQueryLength, validationRules } from './graphql/limits.ts';
import { buildApiSchema } from './graphql/schema.ts';
import { SharedSubscriptions } from './graphql/shared-subscriptions.ts';
import { logger } from './lib/logger.ts';
import { createExportRouter } from './modules/exports/exports.routes.ts';
import { createBillImportRouter } from './modules/billing/bill-import.routes.ts';
import { createLocationsRouter } from './modules/locations/locations.routes.ts';
import { runWithRequestId } from './lib/request-scope.ts';
import type { Services } from './services.ts';

export interface RunningServer {
  url: string;
  wsUrl: string;
  httpServer: http.Server;
  /** Shared subscription streams running (SharedSubscriptions). */
  sharedStreams(): number;
  stop(): Promise<void>;
}

/** Close codes the SPA understands: log in again. */
export const wsCloseCodes = { unauthorized: 4401 } as const;

/** HTTP + WebSocket wiring only: GraphQL on /graphql (both transports, one port) and the built SPA at /. */
export async function startServer(services: Services, config: ApiConfig): Promise<RunningServer> {
  const schema = buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  // Node's default caps a whole request at 300 s, which would cut a long bill-file upload (the body
  // streams into the import): no cap on the whole request; headers must still arrive within
  // `headersTimeout` (60 s), and the upload route drops a connection that stops sending.
  httpServer.requestTimeout = 0;

  const socketsBySession = new Map<string, Set<WebSocket>>();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  // Identical subscriptions of one session run one stream between them (see SharedSubscriptions).
  const sharedSubscriptions = new SharedSubscriptions(formatResult);
  const wsCleanup = useServer<{ authToken?: string }, { socket: WebSocket; request: http.IncomingMessage; sessionId?: string }>(
    {
      schema,
      subscribe: sharedSubscriptions.subscribe,
      onConnect: async (ctx) => {
        const token = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : null;
        if (!token) return true; // public subscriptions only; guarded ones answer UNAUTHENTICATED
        const authentication = await services.auth.authenticate(token);
        if (!authentication || !('viewer' in authentication)) {
          const reason = authentication?.failure === 'SESSION_EXPIRED' ? 'Session ended; log in again' : 'Invalid session token; log in again';
          ctx.extra.socket.close(wsCloseCodes.unauthorized, reason);
          return false;
        }
        const sessionId = authentication.viewer.sessionId;
        ctx.extra.sessionId = sessionId;
        let sockets = socketsBySession.get(sessionId);
        if (!sockets) socketsBySession.set(sessionId, (sockets = new Set()));
        sockets.add(ctx.extra.socket);
        return true;
      },
      onClose: (ctx) => {
        const sessionId = ctx.extra.sessionId;
        if (!sessionId) return;
        socketsBySession.get(sessionId)?.delete(ctx.extra.socket);
        if (socketsBySession.get(sessionId)?.size === 0) socketsBySession.delete(sessionId);
      },
      onSubscribe: async (ctx, id, payload) => {
        try {
          assertQueryLength(payload.query, config.limits);
          const document = parse(payload.query);
          const errors = validate(schema, document, [...specifiedRules, ...validationRules(config.limits)]);
          if (errors.length > 0) return errors as GraphQLError[];
          assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName, config.limits);
          const token = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : null;
          const hostAddress = ctx.extra.request.socket.remoteAddress ?? null;
          const userAgent = ctx.extra.request.headers['user-agent'] ?? null;
          const contextValue = await createContext(services, { token, hostAddress, userAgent });
          return sharedSubscriptions.share(
            { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue },
            { socket: ctx.extra.socket, connection: ctx.extra.request.socket, id, session: [token, hostAddress, userAgent], query: payload.query, variables: payload.variables },
          );
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
    },
    wsServer,
  );

  // A session that ends (logout, idle, forced) loses its live connections at once, on every instance.
  const sessionChanges = services.pubsub.subscribe('auth.session-changed');
  void (async () => {
    for await (const { sessionId, ended } of sessionChanges) {
      if (!ended) continue;
      for (const socket of socketsBySession.get(sessionId) ?? []) socket.close(wsCloseCodes.unauthorized, 'Session ended; log in again');
    }
  })();

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    introspection: true,
    // main.ts owns shutdown (database, relay, pub/sub too); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    validationRules: validationRules(config.limits),
    plugins: [
      // Responses carry per-user data and are never HTTP-cached; the cache-control plugin would
      // otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // Live WebSockets first (they never finish by themselves), then HTTP with a short grace period.
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 2000 }),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document }) {
              try {
                assertComplexity(schema, document, request.variables, request.operationName, config.limits);
              } catch (error) {
                if (error instanceof GraphQLError) throw withStatus(error, 400);
                throw error;
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use('/graphql', (req: Request, _res: Response, next: NextFunction) => runWithRequestId(() => next()));
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      try {
        assertQueryLength(typeof req.body?.query === 'string' ? req.body.query : undefined, config.limits);
        next();
      } catch (error) {
        const graphQLError = error as GraphQLError;
        res.status(400).json({ errors: [{ message: graphQLError.message, extensions: graphQLError.extensions }] });
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(services, {
          token: bearerToken(req.headers.authorization),
          hostAddress: req.ip ?? req.socket.remoteAddress ?? null,
          userAgent: req.headers['user-agent'] ?? null,
        }),
    }),
  );

  // Excel exports and work-order sheet PDFs (before the SPA's catch-all, which would answer with HTML).
  app.use((req: Request, _res: Response, next: NextFunction) => (req.path.startsWith('/export/') ? runWithRequestId(() => next()) : next()));
  app.use(createExportRouter(services, schema));
  // Bill file uploads: the raw body streamed into the import (no body parser before it).
  app.use((req: Request, _res: Response, next: NextFunction) => (req.path.startsWith('/billing/') ? runWithRequestId(() => next()) : next()));
  app.use(createBillImportRouter(services, config.uploadIdleMs));
  // Position reports from installers' devices (JSON; the same as the reportLocations mutation).
  app.use((req: Request, _res: Response, next: NextFunction) => (req.path === '/locations' ? runWithRequestId(() => next()) : next()));
  app.use(createLocationsRouter(services, config.limits.maxBodyBytes));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  if (config.webDist && existsSync(path.join(config.webDist, 'index.html'))) {
    const indexHtml = path.join(config.webDist, 'index.html');
    app.use(express.static(config.webDist, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET that accepts HTML gets the SPA.
    app.get(/^(?!\/graphql).*/, (req, res, next) => (req.accepts('html') ? res.sendFile(indexHtml) : next()));
  } else if (config.webDist) {
    logger.warn('web app not built; serving the API only', { webDist: config.webDist });
  }

  // Body-parser failures (too large, malformed JSON) answer in GraphQL's error shape, never as HTML.
  app.use((error: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `Request body too large: the limit is ${config.limits.maxBodyBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (error.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      logger.error('unhandled HTTP error', { message: error.message });
      res.status(error.status ?? 500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/graphql`,
    httpServer,
    sharedStreams: () => sharedSubscriptions.streams(),
    async stop() {
      await sessionChanges.return?.();
      await apollo.stop();
      wsServer.close();
    },
  };
}

function formatResult(result: ExecutionResult) {
  if (!result.errors) return result;
  return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

