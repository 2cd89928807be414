// rawQuery / rawExecute on a `transaction()`'s tx (straight to its connection) against $queryRaw, on
// in-memory PGlite and on PostgreSQL (when DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, discardInMemoryDatabase, isLinked, openDatabase, prepared, Prisma, rawExecute, rawQuery, transaction } from '../index.ts';
import { createPgDatabase, serverUrl } from './helpers.ts';

const backends = [
  { name: 'pglite', enabled: true },
  { name: 'postgres', enabled: !!serverUrl },
] as const;

/** One value of every kind the API passes, read back as every column type the hot path returns. */
const everyKind = (at: Date) =>
  prepared(Prisma.sql`
    SELECT ${7}::int AS int4, ${9_007_199_254_740_993n}::bigint AS int8, ${new Prisma.Decimal('12.50')}::numeric(10,2) AS amount,
      ${2.5}::float8 AS ratio, ${true}::boolean AS yes, ${'天河 "quoted"'}::text AS label, ${null}::int AS nothing,
      ${at}::timestamp(3) AS at, ${at}::timestamptz AS at_tz, ${at}::date AS day,
      ${JSON.stringify({ a: [1, 'b'], c: null })}::jsonb AS doc, ${{ kept: true }}::json AS plain_json,
      ${[1, 2, 3]}::int[] AS ints, ${['x', 'y']}::text[] AS texts, ${[]}::int[] AS none,
      'PENDING'::direct_sql_state AS state, NULL::timestamp(3) AS no_time`);

describe.each(backends.filter((b) => b.enabled))('transaction() with raw statements on $name', ({ name }) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (name === 'pglite') {
      db = await openDatabase({ kind: 'pglite', dataDir: 'memory://direct-sql-test' });
    } else {
      const created = await createPgDatabase('direct_sql');
      drop = created.drop;
      db = await openDatabase({ kind: 'postgres', url: created.url }, { poolSize: 30 });
    }
    await db.prisma.$executeRawUnsafe(`CREATE TYPE direct_sql_state AS ENUM ('PENDING', 'DONE')`);
    await db.prisma.$executeRawUnsafe(`CREATE TABLE direct_sql_row (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await db.close();
    if (name === 'pglite') await discardInMemoryDatabase('memory://direct-sql-test');
    await drop?.();
  });

  it('returns the rows $queryRaw returns, value for value', async () => {
    const at = new Date('2026-12-06T08:30:15.123Z');
    await transaction(db.prisma, async (tx) => {
      expect(isLinked(tx)).toBe(true);
      const direct = await rawQuery<Record<string, unknown>>(tx, everyKind(at));
      const throughPrisma = await tx.$queryRaw<Record<string, unknown>[]>(everyKind(at));
      expect(direct).toEqual(throughPrisma);
      expect(direct[0].int8).toBe(9_007_199_254_740_993n);
      expect(direct[0].at).toEqual(at);
      expect(direct[0].doc).toEqual({ a: [1, 'b'], c: null });
      expect(String(direct[0].amount)).toBe('12.5');
    });
  });

  it('runs on the transaction itself: what it writes is seen inside and rolled back with it', async () => {
    await expect(
      transaction(db.prisma, async (tx) => {
        expect(await rawExecute(tx, Prisma.sql`INSERT INTO direct_sql_row (id, label) VALUES (${1}, ${'one'}), (${2}, ${'two'})`)).toBe(2);
        expect(await tx.$queryRaw`SELECT label FROM direct_sql_row ORDER BY id`).toEqual([{ label: 'one' }, { label: 'two' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.prisma.$queryRaw`SELECT count(*)::int AS n FROM direct_sql_row`).toEqual([{ n: 0 }]);
  });

  it('reports a database error as $queryRaw does (P2010 with the database code)', async () => {
    await db.prisma.$executeRaw`INSERT INTO direct_sql_row (id, label) VALUES (10, 'ten')`;
    const duplicate = Prisma.sql`INSERT INTO direct_sql_row (id, label) VALUES (${10}, ${'again'})`;
    const errors: unknown[] = [];
    for (const run of [(tx: Prisma.TransactionClient) => rawExecute(tx, duplicate), (tx: Prisma.TransactionClient) => tx.$executeRaw(duplicate)]) {
      errors.push(await transaction(db.prisma, run).catch((error: unknown) => error));
    }
    for (const error of errors) {
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2010');
      expect((error as Prisma.PrismaClientKnownRequestError).message).toContain('23505');
    }
  });

  it('refuses a statement on a transaction Prisma gave up on (past its timeout): nothing of it is written', async () => {
    const late = transaction(
      db.prisma,
      async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await rawExecute(tx, Prisma.sql`INSERT INTO direct_sql_row (id, label) VALUES (${30}, ${'too late'})`);
      },
      { timeout: 100 },
    );
    await expect(late).rejects.toMatchObject({ code: 'P2028' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await db.prisma.$queryRaw`SELECT count(*)::int AS n FROM direct_sql_row WHERE id = 30`).toEqual([{ n: 0 }]);
  });

  it('goes through $queryRaw for a tx of a plain $transaction and for the client', async () => {
    await db.prisma.$transaction(async (tx) => {
      expect(isLinked(tx)).toBe(false);
      expect(await rawQuery(tx, Prisma.sql`SELECT ${5}::int AS n`)).toEqual([{ n: 5 }]);
    });
    expect(isLinked(db.prisma)).toBe(false);
    expect(await rawQuery(db.prisma, Prisma.sql`SELECT ${6}::int AS n`)).toEqual([{ n: 6 }]);
  });

  it.runIf(name === 'postgres')('keeps concurrent transactions apart, and a transaction started inside on the client is not the tx', async () => {
    const txid = Prisma.sql`SELECT txid_current()::text AS id`;
    const pairs = await Promise.all(
      Array.from({ length: 12 }, () =>
        transaction(db.prisma, async (tx) => {
          const [direct] = await rawQuery<{ id: string }>(tx, txid);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          const [viaPrisma] = await tx.$queryRaw<{ id: string }[]>(txid);
          const [outer] = await db.prisma.$transaction((other) => other.$queryRaw<{ id: string }[]>(txid));
          const [again] = await rawQuery<{ id: string }>(tx, txid);
          return { direct: direct.id, viaPrisma: viaPrisma.id, outer: outer.id, again: again.id };
        }),
      ),
    );
    for (const pair of pairs) {
      expect(pair.direct).toBe(pair.viaPrisma);
      expect(pair.again).toBe(pair.direct);
      expect(pair.outer).not.toBe(pair.direct);
    }
    expect(new Set(pairs.map((pair) => pair.direct)).size).toBe(pairs.length);
  });
});
