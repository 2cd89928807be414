// createMigration: the committed migrations match schema.prisma (the newest is exactly what the
// tool writes), and a schema edit yields a further migration that deploys on top of them (in
// temporary copies, never the real folders).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMigrations, freshPGliteDb, tableExists, tempDir } from '../../__tests__/helpers.ts';
import { openMigrationConnection } from '../adapters.ts';
import { nextMigrationDirName, noFilter } from '../files.ts';
import {
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  deployMigrations,
  LOCKFILE_CONTENT,
  migrationStatus,
  migrationTimestamp,
  normaliseMigrationName,
  readMigrationsList,
} from '../index.ts';
import { Engine } from '../wasm-engine.ts';

// createMigration uses the DATABASE_URL server for its shadow database when set; these tests pin
// the in-memory PGlite shadow (the server variant is covered in adapters.test.ts).
const pglite = { kind: 'pglite', dataDir: 'memory://' } as const;

/** Every committed migration, oldest first (init and what followed it). */
const committedDirs = readMigrationsList().migrationDirectories;
const committed = committedDirs.map((d) => d.path);

/** `20250102030405_name` → its UTC timestamp and its name. */
function splitFolderName(folder: string): { at: Date; name: string } {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_(.+)$/.exec(folder);
  if (!m) throw new Error(`not a migration folder name: ${folder}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  return { at: new Date(Date.UTC(y, mo - 1, d, h, mi, s)), name: m[7] };
}

/** The engine's diff between what two migration histories build (each replayed into an in-memory PGlite shadow). */
async function diffHistories(from: string, to: string): Promise<{ exitCode: number | null | undefined; stdout: string }> {
  const db = await freshPGliteDb();
  const conn = await openMigrationConnection(db.target);
  let engine: Engine | undefined;
  try {
    engine = await Engine.open({ datamodels: [['schema.prisma', readFileSync(defaultSchemaPath, 'utf8')]], adapterFactory: conn.factory });
    const out = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList(from) },
      to: { tag: 'migrations', ...readMigrationsList(to) },
      script: true,
      exitCode: true,
      filters: noFilter,
    });
    return { exitCode: out.exitCode, stdout: out.stdout ?? '' };
  } finally {
    engine?.close();
    await conn.close();
    await db.dispose();
  }
}

describe('createMigration', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('the committed migrations match schema.prisma (a fresh history from the schema gives the same SQL)', async () => {
    const migrationsDir = path.join(tmp.dir, 'fresh');
    const res = await createMigration('init', { config: pglite, migrationsDir, now: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) });
    expect(res.created).toBe(true);
    expect(res.name).toBe('20250102030405_init');
    expect(readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(LOCKFILE_CONTENT);
    expect(readFileSync(path.join(defaultMigrationsDir, 'migration_lock.toml'), 'utf8')).toBe(LOCKFILE_CONTENT);

    // the committed history: init first, then tool-named folders with strictly increasing timestamps
    expect(committed[0]).toMatch(/^\d{14}_init$/);
    for (const folder of committed) {
      expect(folder).toMatch(/^\d{14}_[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(migrationTimestamp(splitFolderName(folder).at)).toBe(folder.slice(0, 14));
    }
    expect(committed.map((f) => f.slice(0, 14))).toEqual([...new Set(committed.map((f) => f.slice(0, 14)))].sort());
    for (const d of committedDirs) expect(d.migrationFile.content.tag).toBe('ok');

    // the newest committed migration is exactly what the tool writes from schema.prisma on top of
    // the ones before it (with init alone, on top of nothing: a fresh history)
    const newest = committed.at(-1)!;
    const before = copyMigrations(path.join(tmp.dir, 'before'));
    rmSync(path.join(before, newest), { recursive: true });
    expect(readdirSync(before).filter((n) => n !== 'migration_lock.toml').sort()).toEqual(committed.slice(0, -1));
    const { at, name } = splitFolderName(newest);
    const regenerated = await createMigration(name, { config: pglite, migrationsDir: before, now: at });
    expect(regenerated.created).toBe(true);
    expect(regenerated.name).toBe(newest);
    expect(committedDirs.at(-1)!.migrationFile.content).toEqual({ tag: 'ok', value: readFileSync(regenerated.file!, 'utf8') });

    // the fresh one-migration history builds the same database as the whole committed history
    expect(await diffHistories(defaultMigrationsDir, migrationsDir)).toEqual({
      exitCode: 0,
      stdout: expect.stringMatching(/^-- This is an empty migration\.\s*$/),
    });

    // and the real history is complete: nothing left to create
    const again = await createMigration('nothing', { config: pglite, migrationsDir: copyMigrations(path.join(tmp.dir, 'copy')) });
    expect(again.created).toBe(false);
  });

  it('a schema edit gives a further migration that deploys on top of the committed ones', async () => {
    const work = path.join(tmp.dir, 'edit');
    const migrationsDir = copyMigrations(work);
    const schemaPath = path.join(work, 'schema.prisma');
    const schema = readFileSync(defaultSchemaPath, 'utf8')
      .replace('  phone          String?\n', '  phone          String?\n  nickname       String?\n')
      .concat(`
/// Test-only model.
model WorkNote {
  id        Int      @id @default(autoincrement())
  staffId   Int      @map("staff_id")
  body      String
  createdAt DateTime @default(now()) @map("created_at")

  @@index([staffId])
  @@map("work_note")
}
`);
    expect(schema).toContain('nickname');
    writeFileSync(schemaPath, schema);

    const res = await createMigration('Add work note!', { config: pglite, schemaPath, migrationsDir });
    expect(res.created).toBe(true);
    expect(res.name).toMatch(/^\d{14}_add_work_note$/);
    expect(res.sql).toMatch(/ALTER TABLE "staff" ADD COLUMN\s+"nickname" TEXT/);
    expect(res.sql).toMatch(/CREATE TABLE "work_note"/);
    expect(res.sql).toMatch(/CREATE INDEX "work_note_staff_id_idx"/);
    const names = readdirSync(migrationsDir).filter((n) => n !== 'migration_lock.toml').sort();
    expect(names).toEqual([...committed, res.name]);

    const db = await freshPGliteDb();
    try {
      const deployed = await deployMigrations(db.target, { schemaPath, migrationsDir });
      expect(deployed.applied).toEqual(names);
      expect(await tableExists(db, 'work_note')).toBe(true);
      const status = await migrationStatus(db.target, { schemaPath, migrationsDir });
      expect(status.upToDate).toBe(true);
      expect(status.drift.detected).toBe(false);
    } finally {
      await db.dispose();
    }

    const nothing = await createMigration('again', { config: pglite, schemaPath, migrationsDir });
    expect(nothing).toMatchObject({ created: false });
    expect(existsSync(path.join(migrationsDir, 'again'))).toBe(false);

    const empty = await createMigration('hand written', { config: pglite, schemaPath, migrationsDir, allowEmpty: true });
    expect(empty.created).toBe(true);
    expect(readFileSync(empty.file!, 'utf8')).toMatch(/empty migration/);
  });
});

describe('migration folder names', () => {
  it('uses a UTC yyyyMMddHHmmss timestamp and snake_case', () => {
    expect(migrationTimestamp(new Date(Date.UTC(2025, 11, 31, 23, 59, 58)))).toBe('20251231235958');
    expect(normaliseMigrationName('  Add Staff-Phone ')).toBe('add_staff_phone');
    expect(() => normaliseMigrationName('!!')).toThrow(/invalid migration name/);
  });

  it('stays after the newest existing migration', () => {
    const now = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));
    expect(nextMigrationDirName([], 'x', now)).toBe('20250101000000_x');
    expect(nextMigrationDirName(['20250101000000_a'], 'b', now)).toBe('20250101000001_b');
    expect(nextMigrationDirName(['20991231235959_future'], 'c', now)).toBe('21000101000000_c');
  });
});
