// Migration-aware driver adapter factories for the wasm schema engine, with the fixes the stock
// adapters need to be correct for migrations (see ARCHITECTURE.md "Prisma offline"):
//
// PostgreSQL (@prisma/adapter-pg):
//  - the engine reads pg_catalog columns of the internal `"char"` type (OID 18), which adapter-pg
//    cannot map; migration connections report OID 18 as text.
//  - `executeScript` splits the script on `;` and runs the pieces on whatever pooled connection is
//    free, outside any transaction (breaks `$$` bodies; a failing migration leaves half its changes).
//    Ours sends the whole script as ONE simple query on ONE connection: PostgreSQL runs a
//    multi-statement simple query as one implicit transaction, so it applies entirely or not at all.
//  - `connectToShadowDb` with a connection string reuses the MAIN database and never drops the
//    shadow. Ours creates a real temporary database and drops it on dispose (falling back to an
//    in-memory PGlite when the user may not create databases).
//  - the engine holds its advisory lock on the connection it ran `pg_advisory_lock` on, so every
//    query of a migration connection goes through one dedicated connection (pool of size 1).
//
// PGlite (pglite-prisma-adapter 0.7.2):
//  - `executeScript` does not await `exec`, so a failing migration is recorded as applied. Ours
//    awaits it and reports the database error.
//  - its shadow database is never closed. Ours is an in-memory PGlite, closed on dispose.
//
// The engine's `free()` disposes nothing: `MigrationConnection.close()` disposes every adapter the
// factory handed out, and closes the PGlite/pools it opened itself.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { DatabaseConfig } from '../config.ts';
import { pgConnectionOptions } from '../pg-url.ts';
import { freshInMemoryPGlite, openPGlite as openPGliteDatabase } from '../pglite.ts';

export type MigrateLogger = (message: string) => void;

export type ShadowDatabaseMode = 'temporary-database' | 'pglite';

export interface MigrationConnectionOptions {
  log?: MigrateLogger;
  /**
   * PostgreSQL only: where the engine replays the migrations to compare schemas. Default
   * 'temporary-database' (created on the same server and dropped afterwards; falls back to
   * 'pglite' when the user lacks CREATEDB).
   */
  shadow?: ShadowDatabaseMode;
}

/** Where migration commands run: a configuration, or an already open PGlite to share. */
export type MigrationTarget = DatabaseConfig | { config: DatabaseConfig; pglite?: PGlite };

export interface MigrationConnection {
  readonly config: DatabaseConfig;
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Runs a plain query on the main database (not through the engine). */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Disposes every adapter handed to the engine (main and shadow) and closes what we opened. */
  close(): Promise<void>;
}

const APPLICATION_NAME = 'openiom-migrate';
export const SHADOW_DATABASE_PREFIX = 'openiom_shadow_';

export function targetConfig(target: MigrationTarget): DatabaseConfig {
  return 'kind' in target ? target : target.config;
}

export async function openMigrationConnection(
  target: MigrationTarget,
  options: MigrationConnectionOptions = {},
): Promise<MigrationConnection> {
  const config = targetConfig(target);
  if (config.kind === 'postgres') return openPostgres(config, options);
  const external = 'kind' in target ? undefined : target.pglite;
  return openPGlite(config, external, options);
}

// ---------------------------------------------------------------------------------------------
// shared helpers

/** Turns a PostgreSQL / PGlite error into the error type the engine understands. */
export function toDriverAdapterError(error: unknown): unknown {
  const e = error as { code?: unknown; severity?: unknown; message?: unknown; detail?: unknown; column?: unknown; hint?: unknown };
  if (error instanceof DriverAdapterError) return error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return new DriverAdapterError({
      kind: 'postgres',
      code: e.code,
      severity: typeof e.severity === 'string' ? e.severity : 'ERROR',
      message: e.message,
      detail: typeof e.detail === 'string' ? e.detail : undefined,
      column: typeof e.column === 'string' ? e.column : undefined,
      hint: typeof e.hint === 'string' ? e.hint : undefined,
    });
  }
  return error;
}

/** Wraps an adapter so that every disposal is tracked, idempotent and awaited by `close()`. */
class AdapterTracker {
  private readonly disposers: (() => Promise<void>)[] = [];

  track(adapter: SqlDriverAdapter, extraCleanup?: () => Promise<void>): SqlDriverAdapter {
    const originalDispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    const dispose = () =>
      (disposed ??= (async () => {
        try {
          await originalDispose();
        } finally {
          await extraCleanup?.();
        }
      })());
    adapter.dispose = dispose;
    this.disposers.push(dispose);
    return adapter;
  }

  async disposeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const dispose of this.disposers.reverse()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.disposers.length = 0;
    if (errors.length) throw errors[0];
  }
}

function traceAdapter(adapter: SqlDriverAdapter, label: string, log: MigrateLogger | undefined): SqlDriverAdapter {
  if (!process.env.OPENIOM_MIGRATE_TRACE || !log) return adapter;
  const q = adapter.queryRaw.bind(adapter);
  const x = adapter.executeRaw.bind(adapter);
  const s = adapter.executeScript.bind(adapter);
  const t = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query: SqlQuery): Promise<SqlResultSet> => (log(`[${label}] queryRaw ${query.sql}`), q(query));
  adapter.executeRaw = (query: SqlQuery) => (log(`[${label}] executeRaw ${query.sql}`), x(query));
  adapter.executeScript = (script: string) => (log(`[${label}] executeScript (${script.length} chars)`), s(script));
  adapter.startTransaction = (...args) => (log(`[${label}] startTransaction`), t(...args));
  return adapter;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Reports the internal `"char"` type (OID 18) as text in every result of this client. */
function reportCharAsText(client: pg.Client): void {
  const fix = (result: unknown): unknown => {
    for (const r of Array.isArray(result) ? result : [result]) {
      const fields = (r as pg.QueryResult | undefined)?.fields;
      if (fields) for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    }
    return result;
  };
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, res?: unknown) => void;
      args[last] = (err: Error | null, res?: unknown) => callback(err, err ? res : fix(res));
      return original(...args);
    }
    const ret = original(...args);
    return ret && typeof (ret as Promise<unknown>).then === 'function' ? (ret as Promise<unknown>).then(fix) : ret;
  };
}

function migrationPool(connectionString: string, log: MigrateLogger | undefined): pg.Pool {
  // One connection: the engine's advisory lock, its transactions and the scripts share a session.
  const pool = new pg.Pool({ connectionString, max: 1, application_name: APPLICATION_NAME, connectionTimeoutMillis: 60_000 });
  pool.on('connect', (client) => {
    reportCharAsText(client);
    // A connection still closing when its database is dropped WITH (FORCE) reports 57P01 late.
    client.on('error', () => {});
  });
  // After end() (e.g. a shadow database dropped WITH (FORCE)), a closing connection may still report.
  pool.on('error', (err) => {
    if (!pool.ended) log?.(`migration connection error: ${err.message}`);
  });
  return pool;
}

async function pgAdapter(pool: pg.Pool, schema: string | undefined): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool, schema ? { schema } : undefined).connect();
  adapter.executeScript = async (script: string) => {
    const client = await pool.connect();
    try {
      await client.query(script); // no parameters: simple query protocol, one implicit transaction
    } catch (error) {
      throw toDriverAdapterError(error);
    } finally {
      client.release();
    }
  };
  return adapter;
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42601') throw error;
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`); // PostgreSQL < 13: no FORCE
  }
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>, options: MigrationConnectionOptions): Promise<MigrationConnection> {
  const { log } = options;
  const { connectionString, schema } = pgConnectionOptions(config.url);
  const tracker = new AdapterTracker();
  const pools: pg.Pool[] = [];
  let queryPool: pg.Pool | undefined;
  let fallbackShadow = options.shadow === 'pglite';

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@openiom/db-migrate-pg',
    async connect() {
      const pool = migrationPool(connectionString, log);
      pools.push(pool);
      const adapter = await pgAdapter(pool, schema);
      return traceAdapter(tracker.track(adapter, () => pool.end()), 'main', log);
    },
    async connectToShadowDb() {
      if (!fallbackShadow) {
        const admin = new pg.Client({ connectionString, application_name: APPLICATION_NAME });
        admin.on('error', (err) => log?.(`shadow admin connection error: ${err.message}`));
        await admin.connect();
        const name = `${SHADOW_DATABASE_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
        try {
          await admin.query(`CREATE DATABASE "${name}"`);
        } catch (error) {
          await admin.end().catch(() => {});
          if ((error as { code?: string }).code !== '42501') throw toDriverAdapterError(error);
          log?.('no permission to create a temporary shadow database; using an in-memory PGlite as shadow database');
          fallbackShadow = true;
          return connectPGliteShadow(tracker, log);
        }
        log?.(`created shadow database ${name}`);
        const pool = migrationPool(withDatabase(connectionString, name), log);
        const adapter = await pgAdapter(pool, schema);
        return traceAdapter(
          tracker.track(adapter, async () => {
            try {
              await pool.end();
              await dropDatabase(admin, name);
              log?.(`dropped shadow database ${name}`);
            } finally {
              await admin.end();
            }
          }),
          'shadow',
          log,
        );
      }
      return connectPGliteShadow(tracker, log);
    },
  };

  return {
    config,
    factory,
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      queryPool ??= migrationPool(connectionString, log);
      const res = await queryPool.query(sql, params);
      return res.rows as T[];
    },
    async close() {
      try {
        await tracker.disposeAll();
      } finally {
        await queryPool?.end();
        // pools whose adapter was disposed are already ended; pg tolerates no second end(), so skip those
        for (const p of pools) if (!p.ended) await p.end().catch(() => {});
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PGlite

async function pgliteAdapter(pglite: PGlite): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPGlite(pglite).connect();
  adapter.executeScript = async (script: string) => {
    try {
      await pglite.exec(script); // one simple query: one implicit transaction
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return adapter;
}

async function connectPGliteShadow(tracker: AdapterTracker, log: MigrateLogger | undefined): Promise<SqlDriverAdapter> {
  const shadow = await freshInMemoryPGlite();
  log?.('opened in-memory PGlite shadow database');
  const adapter = await pgliteAdapter(shadow);
  return traceAdapter(
    tracker.track(adapter, async () => {
      await shadow.close();
      log?.('closed in-memory PGlite shadow database');
    }),
    'shadow',
    log,
  );
}

async function openPGlite(
  config: Extract<DatabaseConfig, { kind: 'pglite' }>,
  external: PGlite | undefined,
  options: MigrationConnectionOptions,
): Promise<MigrationConnection> {
  const { log } = options;
  const opened = external ? undefined : await openPGliteDatabase(config.dataDir);
  const pglite = external ?? opened!.pglite;
  const main = pglite;
  const tracker = new AdapterTracker();
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@openiom/db-migrate-pglite',
    async connect() {
      return traceAdapter(tracker.track(await pgliteAdapter(main)), 'main', log);
    },
    connectToShadowDb() {
      return connectPGliteShadow(tracker, log);
    },
  };
  return {
    config,
    factory,
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await main.query<T>(sql, params)).rows;
    },
    async close() {
      try {
        await tracker.disposeAll();
      } finally {
        await opened?.release();
      }
    },
  };
}
