import { startOpenIOM, type OpenIOM, type StartOptions } from '../app.ts';
import type { ApiConfig } from '../config.ts';
import { createTestDatabase, type Backend } from './test-database.ts';

export interface TestApp extends OpenIOM {
  url: string;
  wsUrl: string;
  /** The clock the app reads; tests move it with `advance`. */
  clock: { advance(ms: number): void };
  close(): Promise<void>;
}

/**
 * A real API on a random port over a fresh database (reference data only; tests make their own
 * data with the factories).
 */
export async function startTestApp(backend: Backend, options: { config?: Partial<ApiConfig>; pubsub?: StartOptions['pubsub']; database?: StartOptions['database'] } = {}): Promise<TestApp> {
  const database = options.database ? { config: options.database, drop: async () => undefined } : await createTestDatabase(backend);
  let offsetMs = 0;
  const clock = {
    advance(ms: number) {
      offsetMs += ms;
    },
  };
  const app = await startOpenIOM({
    database: database.config,
    seed: 'reference-only',
    now: () => new Date(Date.now() + offsetMs),
    pubsub: options.pubsub,
    config: {
      port: 0,
      webDist: null,
      outboxPollMs: 200,
      redisUrl: null,
      // External systems answer at once and never fail unless a test says otherwise; the worker
      // runs only in tests that ask for it, so other tests can complete automatic steps by hand.
      interfaces: { enabled: false, pollMs: 100, timeoutMs: 500, maxAttempts: 3, backoffMs: 20, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } },
      ...options.config,
    },
  });
  return {
    ...app,
    url: app.server.url,
    wsUrl: app.server.wsUrl,
    clock,
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}
