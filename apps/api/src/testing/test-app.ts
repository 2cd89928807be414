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
export async function startTestApp(backend: Backend, options: { config?: Partial<ApiConfig>; pubsub?: StartOptions['pubsub']; database?: StartOptions['database']; startAt?: Date } = {}): Promise<TestApp> {
  const database = options.database ? { config: options.database, drop: async () => undefined } : await createTestDatabase(backend);
  const app = await startOpenIOM({
    database: database.config,
    seed: 'reference-only',
    // A test may start the clock at a chosen instant (e.g. before a holiday); it then runs on from there.
    now: options.startAt ? clockFrom(options.startAt) : undefined,
    pubsub: options.pubsub,
    config: {
      port: 0,
      webDist: null,
      outboxPollMs: 200,
      redisUrl: null,
      // External systems answer at once and never fail unless a test says otherwise; the worker
      // runs only in tests that ask for it, so other tests can complete automatic steps by hand.
      interfaces: { enabled: false, pollMs: 100, timeoutMs: 500, maxAttempts: 3, backoffMs: 20, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } },
      // Likewise the alarm scanner: tests scan when they have moved the clock.
      alarms: { enabled: false, scanMs: 100 },
      // The switch confirms at once unless a test says otherwise; its worker runs when a test asks.
      switch: { enabled: false, pollMs: 100, answerTimeoutMs: 1000, batchSize: 500, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } },
      // No generated call traffic: prepaid tests deliver their own call records.
      prepaid: { limit: '0', cdrSimulator: { enabled: false, intervalMs: 1000 } },
      // No moving demo installers: location tests report their own positions.
      locations: { retentionDays: 30, maxSkewMs: 120_000, purgeMs: 3_600_000, simulator: { enabled: false, intervalMs: 1000 }, mapStyleUrl: null },
      testMode: true,
      ...options.config,
    },
  });
  return {
    ...app,
    url: app.server.url,
    wsUrl: app.server.wsUrl,
    clock: {
      advance(ms: number) {
        app.services.clock.setOffset(app.services.clock.offset + ms);
      },
    },
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}

function clockFrom(startAt: Date): () => Date {
  const realStart = Date.now();
  return () => new Date(startAt.getTime() + (Date.now() - realStart));
}
