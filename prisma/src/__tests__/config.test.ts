import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, describeDatabase, repoRoot, resolveDatabaseConfig } from '../config.ts';
import { pgConnectionOptions } from '../pg-url.ts';

describe('resolveDatabaseConfig', () => {
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(resolveDatabaseConfig({ DATABASE_URL: 'postgresql://u@h:5432/db', OPENIOM_DATA_DIR: '/x' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@h:5432/db',
    });
  });

  it('defaults to <repo root>/.data/pglite', () => {
    expect(repoRoot).toBe(path.resolve(import.meta.dirname, '../../..'));
    expect(defaultDataDir).toBe(path.join(repoRoot, '.data', 'pglite'));
    expect(resolveDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: defaultDataDir });
    expect(resolveDatabaseConfig({ DATABASE_URL: '  ' })).toEqual({ kind: 'pglite', dataDir: defaultDataDir });
  });

  it('honours OPENIOM_DATA_DIR (relative to the repo root) and in-memory', () => {
    expect(resolveDatabaseConfig({ OPENIOM_DATA_DIR: '/var/lib/openiom' })).toEqual({ kind: 'pglite', dataDir: '/var/lib/openiom' });
    expect(resolveDatabaseConfig({ OPENIOM_DATA_DIR: '.data/other' })).toEqual({ kind: 'pglite', dataDir: path.join(repoRoot, '.data/other') });
    for (const memory of ['memory://', 'memory', ':memory:']) {
      expect(resolveDatabaseConfig({ OPENIOM_DATA_DIR: memory })).toEqual({ kind: 'pglite', dataDir: 'memory://' });
    }
    expect(resolveDatabaseConfig({ OPENIOM_DATA_DIR: 'memory://tests' })).toEqual({ kind: 'pglite', dataDir: 'memory://tests' });
  });

  it('describes a database without its password', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgresql://u:secret@h/db' })).toBe('PostgreSQL postgresql://u:***@h/db');
    expect(describeDatabase({ kind: 'pglite', dataDir: 'memory://' })).toBe('PGlite (in memory)');
  });
});

describe('pgConnectionOptions', () => {
  it("turns Prisma's ?schema= into the adapter's schema and the search_path", () => {
    expect(pgConnectionOptions('postgresql://u@h/db')).toEqual({ connectionString: 'postgresql://u@h/db' });
    const o = pgConnectionOptions('postgresql://u@h/db?schema=tenant_a&sslmode=disable');
    expect(o.schema).toBe('tenant_a');
    const url = new URL(o.connectionString);
    expect(url.searchParams.get('schema')).toBeNull();
    expect(url.searchParams.get('sslmode')).toBe('disable');
    expect(url.searchParams.get('options')).toBe('-c search_path="tenant_a"');
  });
});
