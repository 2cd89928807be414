// Shared by the database tests (not a test file itself).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseConfig } from '../config.ts';
import { freshInMemoryPGlite } from '../pglite.ts';
import { defaultMigrationsDir } from '../migrate/files.ts';
import type { MigrationTarget } from '../migrate/adapters.ts';

/** The PostgreSQL server to test against (DATABASE_URL), if any. */
export const serverUrl: string | undefined = process.env.DATABASE_URL || undefined;

export function tempDir(prefix = 'openiom-db-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the real migrations folder, to add test migrations to. */
export function copyMigrations(into: string): string {
  const dir = path.join(into, 'migrations');
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A throwaway database on the DATABASE_URL server. */
export async function createPgDatabase(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `openiom_test_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}) };
}

/** One database under test, whichever the backend. */
export interface TestDb {
  backend: 'pglite' | 'postgres';
  config: DatabaseConfig;
  /** What migration commands get: the PGlite instance itself, or the PostgreSQL config. */
  target: MigrationTarget;
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
  /** PostgreSQL only: the throwaway database's name. */
  name?: string;
  pglite?: PGlite;
}

export async function freshPGliteDb(): Promise<TestDb> {
  const pglite = await freshInMemoryPGlite();
  const config: DatabaseConfig = { kind: 'pglite', dataDir: 'memory://' };
  return {
    backend: 'pglite',
    config,
    target: { config, pglite },
    pglite,
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
    dispose: () => pglite.close(),
  };
}

export async function freshPostgresDb(label: string): Promise<TestDb> {
  const db = await createPgDatabase(label);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // dropping the database WITH (FORCE) may still hit a connection that is closing
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('error', () => {});
  const config: DatabaseConfig = { kind: 'postgres', url: db.url };
  return {
    backend: 'postgres',
    config,
    target: config,
    name: db.name,
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    dispose: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

export const backends: { name: 'pglite' | 'postgres'; enabled: boolean; fresh(label: string): Promise<TestDb> }[] = [
  { name: 'pglite', enabled: true, fresh: () => freshPGliteDb() },
  { name: 'postgres', enabled: !!serverUrl, fresh: (label) => freshPostgresDb(label) },
];

export async function tableExists(db: TestDb, table: string): Promise<boolean> {
  const rows = await db.query<{ r: string | null }>(`SELECT to_regclass($1)::text AS r`, [table]);
  return rows[0].r !== null;
}
