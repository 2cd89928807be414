// openDatabase over PGlite (in memory, in a folder) and PostgreSQL (when DATABASE_URL is set).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployMigrations, readMigrationsList } from '../migrate/index.ts';
import { type Database, discardInMemoryDatabase, OrgLevel, openDatabase, PGliteDirLockedError, Prisma } from '../index.ts';
import { createPgDatabase, serverUrl, tempDir } from './helpers.ts';

/** Every committed migration, oldest first. */
const committed = readMigrationsList().migrationDirectories.map((d) => d.path);

async function exercise(db: Database): Promise<void> {
  const city = await db.prisma.organisation.create({
    data: { code: 'GZ', name: '广州市', nameEn: 'Guangzhou', level: OrgLevel.CITY, path: '/' },
  });
  // interactive transaction: on a single connection only `tx` may be used inside
  await db.prisma.$transaction(async (tx) => {
    const district = await tx.organisation.create({
      data: { code: 'GZ-TH', name: '天河区', nameEn: 'Tianhe', level: OrgLevel.DISTRICT, parentId: city.id, path: `/${city.id}/` },
    });
    await tx.organisation.update({ where: { id: district.id }, data: { path: `/${city.id}/${district.id}/` } });
  });
  const tree = await db.prisma.organisation.findMany({ where: { path: { startsWith: `/${city.id}/` } }, select: { code: true } });
  expect(tree).toEqual([{ code: 'GZ-TH' }]);
  const event = await db.prisma.outboxEvent.create({ data: { topic: 't', payload: { a: [1, 2] } } });
  expect(typeof event.id).toBe('bigint');
  await expect(
    db.prisma.organisation.create({ data: { code: 'GZ', name: 'dup', nameEn: 'dup', level: OrgLevel.CITY, path: '/' } }),
  ).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
}

describe('openDatabase on an in-memory PGlite', () => {
  const dataDir = 'memory://database-test';
  afterAll(() => discardInMemoryDatabase(dataDir));

  it('shares a named in-memory database: deploy(config) then openDatabase(config) sees the schema', async () => {
    await deployMigrations({ kind: 'pglite', dataDir });
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(db.isPGlite).toBe(true);
      expect(db.singleConnection).toBe(true);
      expect(db.pglite).toBeDefined();
      expect(db.pgPool).toBeUndefined();
      await exercise(db);
      const second = await openDatabase({ kind: 'pglite', dataDir });
      expect(await second.prisma.organisation.count()).toBe(2);
      await second.close();
    } finally {
      await db.close();
      await db.close(); // idempotent
    }
  });
});

describe('openDatabase on a PGlite folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('creates the folder, holds its lock while open, and migrates through the open instance', async () => {
    const dataDir = path.join(tmp.dir, 'nested', 'pglite');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      // a second instance on the same folder would corrupt it: refused
      await expect(openDatabase({ kind: 'pglite', dataDir }, { lockWaitMs: 200 })).rejects.toBeInstanceOf(PGliteDirLockedError);
      // migrations go through the instance that is already open
      expect((await deployMigrations(db)).applied).toEqual(committed);
      await exercise(db);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await reopened.prisma.organisation.count()).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});

describe.runIf(serverUrl)('openDatabase on PostgreSQL', () => {
  it('uses a pool through @prisma/adapter-pg', async () => {
    const database = await createPgDatabase('open');
    try {
      const config = { kind: 'postgres' as const, url: database.url };
      await deployMigrations(config);
      const db = await openDatabase(config, { poolSize: 3 });
      try {
        expect(db.isPGlite).toBe(false);
        expect(db.singleConnection).toBe(false);
        expect(db.pgPool).toBeDefined();
        await exercise(db);
        const { rows } = await db.pgPool!.query('SELECT count(*)::int AS n FROM organisation');
        expect(rows[0].n).toBe(2);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });

  it("honours ?schema= in DATABASE_URL (migrations and client in that schema)", async () => {
    const database = await createPgDatabase('schema');
    try {
      const url = `${database.url}?schema=tenant_a`;
      const config = { kind: 'postgres' as const, url };
      await deployMigrations(config);
      const db = await openDatabase(config);
      try {
        await exercise(db);
        const { rows } = await db.pgPool!.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'organisation'`);
        expect(rows).toEqual([{ table_schema: 'tenant_a' }]);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
