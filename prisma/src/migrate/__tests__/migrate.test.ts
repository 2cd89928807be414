// deploy / status / reset / resolve on embedded PGlite, and on PostgreSQL when DATABASE_URL is set.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, copyMigrations, tableExists, tempDir, type TestDb } from '../../__tests__/helpers.ts';
import { statusExitCode } from '../cli.ts';
import { deployMigrations, markMigrationRolledBack, migrationStatus, readMigrationsList, resetDatabase, SchemaEngineError } from '../index.ts';

/** Every committed migration, oldest first (init and what followed it). */
const committed = readMigrationsList().migrationDirectories.map((d) => d.path);

function addMigration(migrationsDir: string, name: string, sql: string): void {
  mkdirSync(path.join(migrationsDir, name), { recursive: true });
  writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
}

const PLPGSQL = `-- a function body full of semicolons: must reach the server as one statement
CREATE FUNCTION staff_label(staff_name TEXT, staff_no TEXT) RETURNS TEXT AS $$
DECLARE
  label TEXT;
BEGIN
  label := staff_name || ' (' || staff_no || ')';
  RETURN label;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE "audit_note" ("id" SERIAL PRIMARY KEY, "note" TEXT NOT NULL);
`;

const FAILING = `CREATE TABLE "half_done" ("id" INTEGER);
INSERT INTO "half_done" VALUES (1);
SELECT 1 / 0;
`;

for (const backend of backends) {
  describe.runIf(backend.enabled)(`migrations on ${backend.name}`, () => {
    let db: TestDb;
    let tmp: ReturnType<typeof tempDir>;
    let migrationsDir: string;

    beforeAll(() => {
      tmp = tempDir();
    });
    afterAll(() => tmp.remove());
    beforeEach(async (ctx) => {
      db = await backend.fresh(ctx.task.name.replace(/\W+/g, '_').slice(0, 20).toLowerCase());
      migrationsDir = copyMigrations(path.join(tmp.dir, String(Math.random()).slice(2)));
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('deploys the real migrations; status is up to date without drift; deploy again is a no-op', async () => {
      const before = await migrationStatus(db.target, { migrationsDir });
      expect(before.hasMigrationsTable).toBe(false);
      expect(before.pending).toEqual(committed);
      expect(before.upToDate).toBe(false);
      expect(before.problems).toEqual([]);
      expect(statusExitCode(before)).toBe(2);

      const first = await deployMigrations(db.target, { migrationsDir });
      expect(first.applied).toEqual(committed);
      for (const table of ['organisation', 'staff', 'session', 'outbox_event', '_prisma_migrations']) expect(await tableExists(db, table)).toBe(true);

      const status = await migrationStatus(db.target, { migrationsDir });
      expect(status.applied.map((a) => a.name)).toEqual(committed);
      expect(status.pending).toEqual([]);
      expect(status.drift).toEqual({ checked: true, detected: false });
      expect(status.upToDate).toBe(true);
      expect(statusExitCode(status)).toBe(0);

      expect((await deployMigrations(db.target, { migrationsDir })).applied).toEqual([]);
    });

    it('detects drift (a change made outside the migrations)', async () => {
      await deployMigrations(db.target, { migrationsDir });
      await db.query('ALTER TABLE "staff" ADD COLUMN "nickname" TEXT');
      await db.query('CREATE TABLE "stray" ("id" INTEGER)');
      const status = await migrationStatus(db.target, { migrationsDir });
      expect(status.drift.detected).toBe(true);
      expect(status.drift.summary).toMatch(/staff/);
      expect(status.drift.summary).toMatch(/stray/);
      expect(status.problems.join('\n')).toMatch(/drift/);
      expect(status.upToDate).toBe(false);
      expect(statusExitCode(status)).toBe(1);
    });

    it('runs a $$ plpgsql body as one statement', async () => {
      addMigration(migrationsDir, '29990101000000_plpgsql', PLPGSQL);
      const res = await deployMigrations(db.target, { migrationsDir });
      expect(res.applied).toEqual([...committed, '29990101000000_plpgsql']);
      const rows = await db.query<{ label: string }>(`SELECT staff_label('王伟', 'GZ001') AS label`);
      expect(rows[0].label).toBe('王伟 (GZ001)');
      const status = await migrationStatus(db.target, { migrationsDir });
      expect(status.upToDate).toBe(true);
      expect(status.drift.detected).toBe(false);
    });

    it('records a failing migration as failed and leaves none of its changes; resolve + fix + deploy recovers', async () => {
      const failing = '29990101000000_failing';
      addMigration(migrationsDir, failing, FAILING);
      const error = await deployMigrations(db.target, { migrationsDir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SchemaEngineError);
      expect((error as SchemaEngineError).code).toBe('P3018');
      expect((error as Error).message).toMatch(/division by zero/);
      // the migrations before it stay applied; nothing of the failing one survives
      expect(await tableExists(db, 'staff')).toBe(true);
      expect(await tableExists(db, 'half_done')).toBe(false);
      const rows = await db.query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
        'SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY started_at, migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual([...committed, failing]);
      // every committed one finished; the failing one (last) did not, and recorded why
      expect(rows.map((r) => r.finished_at === null)).toEqual([...committed.map(() => false), true]);
      expect(rows.at(-1)!.logs).toMatch(/division by zero/);

      const status = await migrationStatus(db.target, { migrationsDir });
      expect(status.applied.map((a) => a.name)).toEqual(committed);
      expect(status.failed.map((f) => f.name)).toEqual([failing]);
      expect(status.drift.checked).toBe(false);
      expect(status.problems[0]).toMatch(/failed/);
      expect(statusExitCode(status)).toBe(1);

      // a failed migration blocks further deploys until resolved
      await expect(deployMigrations(db.target, { migrationsDir })).rejects.toMatchObject({ code: 'P3009' });

      writeFileSync(path.join(migrationsDir, failing, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
      await markMigrationRolledBack(db.target, failing, { migrationsDir });
      expect((await deployMigrations(db.target, { migrationsDir })).applied).toEqual([failing]);
      expect(await tableExists(db, 'half_done')).toBe(true);
      const after = await migrationStatus(db.target, { migrationsDir });
      expect(after.upToDate).toBe(true);
    });

    it('reports a migration edited after it was applied', async () => {
      addMigration(migrationsDir, '29990101000000_note', 'CREATE TABLE "note" ("id" INTEGER);\n');
      await deployMigrations(db.target, { migrationsDir });
      writeFileSync(path.join(migrationsDir, '29990101000000_note', 'migration.sql'), 'CREATE TABLE "note" ("id" BIGINT);\n');
      const status = await migrationStatus(db.target, { migrationsDir, checkDrift: false });
      expect(status.edited).toEqual(['29990101000000_note']);
      expect(statusExitCode(status)).toBe(1);
    });

    it('reset drops everything and re-applies all migrations', async () => {
      await deployMigrations(db.target, { migrationsDir });
      await db.query(`INSERT INTO "organisation" ("code", "name", "name_en", "level", "path") VALUES ('GZ', '广州', 'Guangzhou', 'CITY', '/')`);
      await db.query('CREATE TABLE "stray" ("id" INTEGER)');
      const res = await resetDatabase(db.target, { migrationsDir });
      expect(res.applied).toEqual(committed);
      expect(await tableExists(db, 'stray')).toBe(false);
      expect(await db.query('SELECT * FROM "organisation"')).toEqual([]);
      const status = await migrationStatus(db.target, { migrationsDir });
      expect(status.upToDate).toBe(true);
    });
  });
}
