// Each adapter pitfall of ARCHITECTURE.md "Prisma offline", proven fixed.
import { ColumnTypeEnum, DriverAdapterError } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminQuery, createPgDatabase, freshPGliteDb, freshPostgresDb, serverUrl, tableExists, tempDir, type TestDb } from '../../__tests__/helpers.ts';
import { openMigrationConnection } from '../adapters.ts';
import { createMigration, deployMigrations, migrationStatus, readMigrationsList } from '../index.ts';

/** Every committed migration, oldest first (init and what followed it). */
const committed = readMigrationsList().migrationDirectories.map((d) => d.path);
const q = (sql: string) => ({ sql, args: [], argTypes: [] });

/** Every row of _prisma_migrations, in the order the migrations were started. */
async function appliedInDb(db: TestDb): Promise<string[]> {
  const rows = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY started_at, migration_name');
  return rows.map((r) => r.migration_name);
}

function logCollector() {
  const lines: string[] = [];
  return { lines, log: (m: string) => lines.push(m) };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PGlite migration adapter', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await freshPGliteDb();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('awaits executeScript: a failing script rejects (with the database error) and changes nothing', async () => {
    const conn = await openMigrationConnection(db.target);
    try {
      const adapter = await conn.factory.connect();
      const error = await adapter.executeScript('CREATE TABLE "a" ("x" INTEGER); SELECT 1 / 0;').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DriverAdapterError);
      expect((error as DriverAdapterError).cause).toMatchObject({ kind: 'postgres', code: '22012' });
      expect(await tableExists(db, 'a')).toBe(false);
    } finally {
      await conn.close();
    }
  });

  it('uses an in-memory shadow database and closes it', async () => {
    await deployMigrations(db.target);
    const { lines, log } = logCollector();
    const status = await migrationStatus(db.target, { log });
    expect(status.upToDate).toBe(true);
    const opened = lines.filter((l) => l.startsWith('opened in-memory PGlite shadow')).length;
    expect(opened).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('closed in-memory PGlite shadow')).length).toBe(opened);
  });

  it('serialises concurrent deploys on one PGlite (one session: the advisory lock cannot)', async () => {
    const results = await Promise.all([deployMigrations(db.target), deployMigrations(db.target), deployMigrations(db.target)]);
    // one deploy applies every committed migration, in order; the others find nothing to do
    expect(results.map((r) => r.applied).sort()).toEqual([[], [], committed]);
    expect((await migrationStatus(db.target, { checkDrift: false })).upToDate).toBe(true);
  });
});

describe.runIf(serverUrl)('PostgreSQL migration adapter', () => {
  let db: TestDb;
  beforeEach(async (ctx) => {
    db = await freshPostgresDb(ctx.task.name.replace(/\W+/g, '_').slice(0, 16).toLowerCase());
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('reports the internal "char" type (OID 18) as text', async () => {
    const conn = await openMigrationConnection(db.target);
    try {
      const adapter = await conn.factory.connect();
      const res = await adapter.queryRaw(q(`SELECT relkind, relname::text FROM pg_class WHERE relname = 'pg_class'`));
      expect(res.columnTypes).toEqual([ColumnTypeEnum.Text, ColumnTypeEnum.Text]);
      expect(res.rows).toEqual([['r', 'pg_class']]);
    } finally {
      await conn.close();
    }
  });

  it('sends executeScript as one query on the one connection, as one transaction', async () => {
    const conn = await openMigrationConnection(db.target);
    try {
      const adapter = await conn.factory.connect();
      // same session for the script and for queries (the engine's advisory lock relies on it)
      await adapter.executeScript('CREATE TEMP TABLE "script_session" AS SELECT pg_backend_pid() AS pid; SELECT 1;');
      const [[scriptPid]] = (await adapter.queryRaw(q('SELECT pid FROM "script_session"'))).rows as [[number]];
      const [[queryPid]] = (await adapter.queryRaw(q('SELECT pg_backend_pid()'))).rows as [[number]];
      expect(scriptPid).toBe(queryPid);
      // a $$ body with semicolons is not split
      await adapter.executeScript(`CREATE FUNCTION "twice"(x INTEGER) RETURNS INTEGER AS $$ BEGIN RETURN x * 2; END; $$ LANGUAGE plpgsql;`);
      expect((await adapter.queryRaw(q('SELECT "twice"(21)'))).rows).toEqual([[42]]);
      // all or nothing
      const error = await adapter.executeScript('CREATE TABLE "a" ("x" INTEGER); INSERT INTO "a" VALUES (1); SELECT 1 / 0;').catch((e: unknown) => e);
      expect((error as DriverAdapterError).cause).toMatchObject({ kind: 'postgres', code: '22012' });
      expect(await tableExists(db, 'a')).toBe(false);
    } finally {
      await conn.close();
    }
  });

  it('replays into a real temporary shadow database, never the main one, and drops it', async () => {
    await deployMigrations(db.target);
    const { lines, log } = logCollector();
    const status = await migrationStatus(db.target, { log });
    expect(status.upToDate).toBe(true);
    const created = lines.flatMap((l) => /^created shadow database (\S+)/.exec(l)?.[1] ?? []);
    const dropped = lines.flatMap((l) => /^dropped shadow database (\S+)/.exec(l)?.[1] ?? []);
    expect(created.length).toBeGreaterThan(0);
    expect(dropped.sort()).toEqual(created.sort());
    expect(created).not.toContain(db.name);
    const left = await adminQuery('SELECT datname FROM pg_database WHERE datname = ANY($1)', [created]);
    expect(left).toEqual([]);
    // the main database only has what the migrations made, each applied once, in order
    expect(await appliedInDb(db)).toEqual(committed);

    // createMigration with a server config: shadow on the server, main database untouched
    const tmp = tempDir();
    try {
      const created2 = logCollector();
      const res = await createMigration('init', { config: db.config, migrationsDir: `${tmp.dir}/migrations`, log: created2.log });
      expect(res.created).toBe(true);
      const names = created2.lines.flatMap((l) => /^created shadow database (\S+)/.exec(l)?.[1] ?? []);
      expect(names.length).toBe(1);
      expect(await adminQuery('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names])).toEqual([]);
      expect(await appliedInDb(db)).toEqual(committed);
    } finally {
      tmp.remove();
    }
  });

  it('closes every connection it opened', async () => {
    await deployMigrations(db.target);
    await migrationStatus(db.target);
    const count = async () =>
      Number(
        (await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'openiom-migrate' AND datname = $1`, [db.name]))[0].n,
      );
    await eventually(async () => (await count()) === 0);
  });

  it('deploy waits for the advisory lock another deployer holds, then applies; concurrent deploys are safe', async () => {
    const holder = new pg.Client({ connectionString: (db.config as { url: string }).url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(72707369)');
      let settled = false;
      const deploy = deployMigrations(db.target).finally(() => {
        settled = true;
      });
      // the engine is now blocked on the same advisory lock
      await eventually(async () => {
        const rows = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND NOT granted`);
        return rows.rows[0].n === 1;
      });
      expect(settled).toBe(false);
      expect(await tableExists(db, '_prisma_migrations')).toBe(false);
      await holder.query('SELECT pg_advisory_unlock(72707369)');
      expect((await deploy).applied).toEqual(committed);
    } finally {
      await holder.end();
    }

    // two fresh deployers racing on a new database: one applies, the other finds nothing to do
    const other = await freshPostgresDb('race');
    try {
      const results = await Promise.all([deployMigrations(other.target), deployMigrations(other.target)]);
      expect(results.map((r) => r.applied).sort()).toEqual([[], committed]);
      expect(await appliedInDb(other)).toEqual(committed);
    } finally {
      await other.dispose();
    }
  });
});

describe.runIf(serverUrl)('PostgreSQL user without CREATEDB', () => {
  const role = `openiom_nocreatedb_${process.pid}`;
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    await adminQuery(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
    database = await createPgDatabase('nocreatedb');
    await adminQuery(`ALTER DATABASE "${database.name}" OWNER TO "${role}"`);
  });
  afterAll(async () => {
    await database?.drop();
    await adminQuery(`DROP ROLE IF EXISTS "${role}"`);
  });

  it('falls back to an in-memory PGlite shadow database', async () => {
    const url = new URL(database.url);
    url.username = role;
    const config = { kind: 'postgres' as const, url: url.toString() };
    // PUBLIC may create in schema public only up to PostgreSQL 14; make the role own it
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`ALTER SCHEMA public OWNER TO "${role}"`);
    await owner.end();
    expect((await deployMigrations(config)).applied).toEqual(committed);
    const { lines, log } = logCollector();
    const status = await migrationStatus(config, { log });
    expect(lines.join('\n')).toMatch(/no permission to create a temporary shadow database/);
    expect(status.upToDate).toBe(true);
    expect(status.drift.detected).toBe(false);
  });
});
