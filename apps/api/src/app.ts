import { openDatabase, resolveDatabaseConfig, type DatabaseConfig, type PrismaClient } from '@openiom/db';
import { deployMigrations, releaseEngineAssets } from '@openiom/db/migrate';
import { seedDatabase } from '@openiom/db/seed';
import { loadConfig, type ApiConfig } from './config.ts';
import { Clock } from './lib/clock.ts';
import { logger } from './lib/logger.ts';
import { createPubSub } from './pubsub/create-pubsub.ts';
import { OutboxRelay } from './pubsub/outbox.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import { startServer, type RunningServer } from './server.ts';
import { createServices, type Services } from './services.ts';

export interface OpenIOM {
  server: RunningServer;
  /** The database client (tests and benchmarks write fixtures through it). */
  prisma: PrismaClient;
  services: Services;
  config: ApiConfig;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: Partial<ApiConfig>;
  database?: DatabaseConfig;
  /** Apply pending migrations on start (default true). */
  migrate?: boolean;
  /** Seed reference data, and demo data when the database is empty (default true). */
  seed?: boolean | 'reference-only';
  /** Base clock for tests of time-based rules (the app's `Clock` runs on it). */
  now?: () => Date;
  /** Use this pub/sub instead of creating one (tests that wire several instances). */
  pubsub?: PubSub;
}

/** Starts one OpenIOM API process: database ready, pub/sub, outbox relay, workers, HTTP + WebSocket. */
export async function startOpenIOM(options: StartOptions = {}): Promise<OpenIOM> {
  const config = { ...loadConfig(), ...options.config };
  const databaseConfig = options.database ?? resolveDatabaseConfig();
  if (options.migrate !== false) {
    await deployMigrations(databaseConfig);
    // The compiled schema engine is needed again only by the next start-up: give its memory back.
    releaseEngineAssets();
  }
  const db = await openDatabase(databaseConfig);
  if (options.seed !== false) {
    const seeded = await seedDatabase(db.prisma, { demo: options.seed !== 'reference-only' });
    if (seeded.demo) logger.info('seeded demo data');
  }
  const pubsub = options.pubsub ?? (await createPubSub(config));
  const relay = new OutboxRelay(db.prisma, pubsub, config.outboxPollMs);
  relay.start();
  const services = createServices(db.prisma, pubsub, relay, config, new Clock(options.now));
  // On a PostgreSQL server bill imports load through COPY on their own connection.
  services.billing.importer.copyPool = db.pgPool ?? null;
  // Imports left RUNNING by a stopped process: on the embedded database (one process only) every
  // one, on a server those silent for a minute (the others may belong to another live instance).
  await services.billing.importer.recoverStale({ all: !db.pgPool });
  void services.billing.importer.removeOrphanRows().catch((error: Error) => logger.warn('removing orphan bills failed', { message: error.message }));
  services.crmPoller.start();
  if (config.interfaces.enabled) services.interfaceWorker.start();
  if (config.alarms.enabled) services.alarmScanner.start();
  if (config.switch.enabled) services.switchWorker.start();
  if (config.dunning.enabled) services.dunningWorker.start();
  if (config.accountSync.enabled) services.accountSyncWorker.start();
  if (config.prepaid.cdrSimulator.enabled) services.cdrSimulator.start(services.prepaid);
  services.locations.purgeLoop.start();
  // Orders from before coordinates existed (the demo's) are placed on the map in the background.
  void services.orderCoordinates.backfill().catch((error: Error) => logger.warn('placing orders on the map failed', { message: error.message }));
  if (config.locations.simulator.enabled) services.locationSimulator.start();
  const sessionChanges = pubsub.subscribe('auth.session-changed');
  void services.auth.forgetChangedSessions(sessionChanges);
  // Every instance reloads cached configuration and follows the test-mode clock.
  const configChanges = pubsub.subscribe('config.changed');
  void forEachEvent(configChanges, (event) => void services.staticData.forgetLocally(event.caches));
  const clockChanges = pubsub.subscribe('clock.changed');
  void forEachEvent(clockChanges, (event) => {
    services.clock.setOffset(event.offsetMs);
    services.auth.forgetCachedSessions();
    if (config.alarms.enabled) void services.alarmScanner.kick();
    if (config.switch.enabled) void services.switchWorker.kick();
    if (config.dunning.enabled) void services.dunningWorker.kick();
  });

  // Ends idle sessions so the online list stays true even when nobody makes a request.
  const sweeper = setInterval(() => {
    services.auth.endIdleSessions().catch((error: Error) => logger.warn('idle-session sweep failed', { message: error.message }));
    relay.prune().catch(() => undefined);
    services.billing.importer.recoverStale().catch((error: Error) => logger.warn('stale bill-import check failed', { message: error.message }));
  }, 60_000);
  sweeper.unref();

  const server = await startServer(services, config);
  return {
    server,
    prisma: db.prisma,
    services,
    config,
    async stop() {
      clearInterval(sweeper);
      await server.stop();
      await sessionChanges.return?.();
      await configChanges.return?.();
      await clockChanges.return?.();
      await services.crmPoller.stop();
      await services.interfaceWorker.stop();
      await services.alarmScanner.stop();
      await services.cdrSimulator.stop();
      await services.locationSimulator.stop();
      await services.locations.stop();
      await services.switchWorker.stop();
      await services.dunningWorker.stop();
      await services.accountSyncWorker.stop();
      await relay.stop();
      await services.billing.importer.settled();
      if (!options.pubsub) await pubsub.close();
      await db.close();
    },
  };
}

async function forEachEvent<T>(events: AsyncIterableIterator<T>, handle: (event: T) => void): Promise<void> {
  for await (const event of events) {
    try {
      handle(event);
    } catch (error) {
      logger.warn('event handler failed', { message: (error as Error).message });
    }
  }
}
