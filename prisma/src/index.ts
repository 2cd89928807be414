// @openiom/db: the Prisma client for OpenIOM's one schema, over a PostgreSQL server (DATABASE_URL)
// or an embedded PGlite. Everything the API needs from Prisma is re-exported from here.
//
//   const db = await openDatabase();          // resolveDatabaseConfig() by default
//   await deployMigrations(db);               // from '@openiom/db/migrate'; reuses db's PGlite
//   await db.prisma.staff.findMany();
//   await db.close();
//
// Embedded PGlite is ONE connection: inside `prisma.$transaction(async (tx) => …)` use `tx` only —
// a query on the outer client waits for the transaction to end, i.e. deadlocks until the
// transaction times out (P2028). `db.singleConnection` tells callers which mode they are in.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client/client.ts';
import { type DatabaseConfig, resolveDatabaseConfig } from './config.ts';
import { pgConnectionOptions } from './pg-url.ts';
import { openPGlite } from './pglite.ts';
import { linkTransactions } from './direct-sql.ts';
import { preparedStatementName } from './prepared-statements.ts';

export * from '../generated/client/client.ts';
export {
  type DatabaseConfig,
  type PGliteConfig,
  type PostgresConfig,
  defaultDataDir,
  describeDatabase,
  IN_MEMORY,
  isInMemoryDataDir,
  repoRoot,
  resolveDatabaseConfig,
} from './config.ts';
export { acquirePGliteDirLock, discardInMemoryDatabase, freshInMemoryPGlite, PGliteDirLockedError } from './pglite.ts';
export { isLinked, linkTransactions, rawExecute, rawQuery, transaction } from './direct-sql.ts';
export { prepared, preparedStatementName } from './prepared-statements.ts';
export { writeDefaultStaffPermissions } from './staff-permissions.ts';
export type { PGlite } from '@electric-sql/pglite';

export interface OpenDatabaseOptions {
  /** PostgreSQL: size of the connection pool (default 10). */
  poolSize?: number;
  /** Prisma log levels, e.g. ['warn', 'error']. */
  log?: ('query' | 'info' | 'warn' | 'error')[];
  /** PGlite folder: how long to wait for another process to release the folder (default 60 s). */
  lockWaitMs?: number;
  /** Options passed on to `new PrismaClient()` (besides the adapter). */
  transactionOptions?: { maxWait?: number; timeout?: number };
}

export interface Database {
  prisma: PrismaClient;
  config: DatabaseConfig;
  /** True for embedded PGlite. */
  isPGlite: boolean;
  /** One connection only (PGlite): inside $transaction use `tx`, never the outer client. */
  singleConnection: boolean;
  /** The embedded database (PGlite only), e.g. for raw SQL or to hand to migration commands. */
  pglite?: PGlite;
  /** The connection pool Prisma uses (PostgreSQL only), e.g. for LISTEN/NOTIFY or raw SQL. */
  pgPool?: pg.Pool;
  /**
   * Disconnects Prisma and closes the pool / the PGlite folder (releasing its lock). A named
   * in-memory PGlite stays alive for the process (see discardInMemoryDatabase). Idempotent.
   */
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig = resolveDatabaseConfig(), options: OpenDatabaseOptions = {}): Promise<Database> {
  const clientOptions = {
    ...(options.log ? { log: options.log } : {}),
    ...(options.transactionOptions ? { transactionOptions: options.transactionOptions } : {}),
  };
  if (config.kind === 'postgres') {
    const { connectionString, schema } = pgConnectionOptions(config.url);
    const pgPool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, application_name: 'openiom' });
    // An idle client losing its connection (server restart) must not crash the process.
    pgPool.on('error', () => {});
    // Linked: raw statements of a `transaction()` go straight to its connection (direct-sql.ts).
    const adapter = linkTransactions(new PrismaPg(pgPool, { ...(schema ? { schema } : {}), statementNameGenerator: (query) => preparedStatementName(query.sql) as string }));
    const prisma = new PrismaClient({ ...clientOptions, adapter });
    let closing: Promise<void> | undefined;
    return {
      prisma,
      config,
      isPGlite: false,
      singleConnection: false,
      pgPool,
      close: () =>
        (closing ??= (async () => {
          try {
            await prisma.$disconnect();
          } finally {
            await pgPool.end();
          }
        })()),
    };
  }
  const opened = await openPGlite(config.dataDir, { lockWaitMs: options.lockWaitMs });
  const prisma = new PrismaClient({ ...clientOptions, adapter: linkTransactions(new PrismaPGlite(opened.pglite)) });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    config,
    isPGlite: true,
    singleConnection: true,
    pglite: opened.pglite,
    close: () =>
      (closing ??= (async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await opened.release();
        }
      })()),
  };
}
