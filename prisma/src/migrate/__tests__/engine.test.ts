// The wasm schema engine loader: one wasm instance per engine, timers that never hold the process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPGliteDb, type TestDb } from '../../__tests__/helpers.ts';
import { openMigrationConnection } from '../adapters.ts';
import { noFilter, readMigrationsList } from '../files.ts';
import { Engine, SchemaEngineError } from '../wasm-engine.ts';

/** Every committed migration, oldest first. */
const committed = readMigrationsList().migrationDirectories.map((d) => d.path);
const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';
const schemaWith = (model: string) => `${datasource}\nmodel ${model} {\n  id Int @id\n}\n`;

describe('wasm schema engine', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await freshPGliteDb();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('gives every engine its own wasm instance (concurrent engines do not corrupt each other)', async () => {
    const glues = new Set<unknown>();
    const conns = await Promise.all([0, 1, 2].map(() => openMigrationConnection(db.target)));
    const models = ['Alpha', 'Beta', 'Gamma'];
    const engines = await Promise.all(conns.map((c, i) => Engine.open({ datamodels: [['schema.prisma', schemaWith(models[i])]], adapterFactory: c.factory })));
    for (const e of engines) glues.add((e as unknown as { glue: { __wbg_set_wasm: unknown } }).glue);
    expect(glues.size).toBe(3);
    try {
      for (let round = 0; round < 3; round++) {
        const outs = await Promise.all(
          engines.map((e, i) =>
            e.diff({
              from: { tag: 'empty' },
              to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schemaWith(models[i]) }] },
              script: true,
              exitCode: null,
              filters: noFilter,
            }),
          ),
        );
        outs.forEach((o, i) => {
          expect(o.stdout).toContain(`CREATE TABLE "${models[i]}"`);
          for (const other of models.filter((m) => m !== models[i])) expect(o.stdout).not.toContain(`"${other}"`);
        });
      }
      // freeing one engine leaves the others working
      engines[0].close();
      expect(engines[1].version()).toMatch(/\d/);
      const again = await engines[2].diff({
        from: { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schemaWith('Gamma') }] },
        script: true,
        exitCode: null,
        filters: noFilter,
      });
      expect(again.stdout).toContain('CREATE TABLE "Gamma"');
    } finally {
      for (const e of engines) e.close();
      for (const c of conns) await c.close();
    }
  });

  it('unrefs the timer the engine leaves after applyMigrations, and clears it on close', async () => {
    const conn = await openMigrationConnection(db.target);
    const engine = await Engine.open({ datamodels: [['schema.prisma', datasource]], adapterFactory: conn.factory });
    try {
      const out = await engine.applyMigrations({ migrationsList: readMigrationsList(), filters: noFilter });
      expect(out.appliedMigrationNames).toEqual(committed);
      // the engine's ~10 s lock timeout is still pending, but no longer keeps the process alive
      expect(engine.pendingTimers()).toEqual({ pending: 1, keepingProcessAlive: 0 });
    } finally {
      engine.close();
      await conn.close();
    }
    expect(engine.pendingTimers().pending).toBe(0);
  });

  it('defers freeing an engine until its operations settle (freeing mid-operation crashes the wasm instance)', async () => {
    const conn = await openMigrationConnection(db.target);
    const engine = await Engine.open({ datamodels: [['schema.prisma', datasource]], adapterFactory: conn.factory });
    try {
      const applying = engine.applyMigrations({ migrationsList: readMigrationsList(), filters: noFilter });
      engine.close();
      expect(engine.isFreed).toBe(false);
      await expect(engine.diff({ from: { tag: 'empty' }, to: { tag: 'empty' }, script: true, exitCode: null, filters: noFilter })).rejects.toThrow(/closed/);
      expect((await applying).appliedMigrationNames).toEqual(committed);
      expect(engine.isFreed).toBe(true);
      expect(engine.pendingTimers().pending).toBe(0);
    } finally {
      engine.close();
      await conn.close();
    }
  });

  it('reports engine errors as SchemaEngineError with a clean message', async () => {
    const conn = await openMigrationConnection(db.target);
    const engine = await Engine.open({ datamodels: [['schema.prisma', datasource]], adapterFactory: conn.factory });
    try {
      const error = await engine
        .diff({
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: `${datasource}\nmodel Broken {\n  id Nope @id\n}\n` }] },
          script: true,
          exitCode: null,
          filters: noFilter,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaEngineError);
      expect((error as Error).message).toMatch(/Nope/);
      expect((error as Error).message).not.toMatch(/^\s+0: /m);
      // an adapter's own JavaScript error is recovered from the error registry
      const failing = await openMigrationConnection(db.target);
      failing.factory.connect = async () => {
        throw new Error('cannot reach the database');
      };
      const opened = await Engine.open({ datamodels: [['schema.prisma', datasource]], adapterFactory: failing.factory }).catch((e: unknown) => e);
      await failing.close();
      expect(opened).toBeInstanceOf(SchemaEngineError);
      expect((opened as Error).message).toMatch(/cannot reach the database/);
    } finally {
      engine.close();
      await conn.close();
    }
  });
});
