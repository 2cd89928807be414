// createMigration: the committed init migration matches schema.prisma, and a schema edit yields a
// second migration that deploys on top of it (in temporary copies, never the real folders).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMigrations, freshPGliteDb, tableExists, tempDir } from '../../__tests__/helpers.ts';
import { nextMigrationDirName } from '../files.ts';
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

// createMigration uses the DATABASE_URL server for its shadow database when set; these tests pin
// the in-memory PGlite shadow (the server variant is covered in adapters.test.ts).
const pglite = { kind: 'pglite', dataDir: 'memory://' } as const;

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
    const committed = readMigrationsList().migrationDirectories;
    expect(committed.map((d) => d.path)).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
    const committedSql = committed[0].migrationFile.content;
    expect(committedSql).toEqual({ tag: 'ok', value: readFileSync(res.file!, 'utf8') });
    expect(readFileSync(path.join(defaultMigrationsDir, 'migration_lock.toml'), 'utf8')).toBe(LOCKFILE_CONTENT);

    // and the real history is complete: nothing left to create
    const again = await createMigration('nothing', { config: pglite, migrationsDir: copyMigrations(path.join(tmp.dir, 'copy')) });
    expect(again.created).toBe(false);
  });

  it('a schema edit gives a second migration that deploys on top of init', async () => {
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
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(res.name);

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
