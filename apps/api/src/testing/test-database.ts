import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { discardInMemoryDatabase, type DatabaseConfig, type PGliteConfig } from '@openiom/db';

export type Backend = 'pglite' | 'postgres';

/** The backends this run tests against: embedded PGlite always, PostgreSQL too when DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, empty database for one test file: in-memory PGlite, or a throwaway database on the
 * DATABASE_URL server (dropped by `drop`).
 */
export async function createTestDatabase(backend: Backend): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = `memory://test-${randomBytes(6).toString('hex')}`;
    return { config: { kind: 'pglite', dataDir }, drop: () => discardInMemoryDatabase(dataDir) };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `openiom_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh PGlite folder, for a database that another process opens (an in-memory PGlite lives
 * and dies with its process). `drop` deletes the folder and its lock file.
 */
export async function createTestDataDir(): Promise<{ config: PGliteConfig; drop(): Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'openiom-test-'));
  return {
    config: { kind: 'pglite', dataDir: path.join(parent, 'pglite') },
    drop: () => rm(parent, { recursive: true, force: true }),
  };
}
