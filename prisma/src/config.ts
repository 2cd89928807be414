// Which database OpenIOM talks to: a PostgreSQL server when DATABASE_URL is set, else an embedded
// PGlite (in a folder, or in memory).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  /** `dataDir` is an absolute folder, or `memory://` for an in-memory database. */
  | { kind: 'pglite'; dataDir: string };

export type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;
export type PGliteConfig = Extract<DatabaseConfig, { kind: 'pglite' }>;

/** The in-memory PGlite data directory. */
export const IN_MEMORY = 'memory://';

/** The monorepo root (two levels up from prisma/src). */
export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The default PGlite folder: `<repo root>/.data/pglite`. */
export const defaultDataDir: string = path.join(repoRoot, '.data', 'pglite');

export function isInMemoryDataDir(dataDir: string): boolean {
  return dataDir === IN_MEMORY || dataDir.startsWith(IN_MEMORY);
}

/**
 * - `DATABASE_URL` set (non-empty): `{ kind: 'postgres', url }`.
 * - else `OPENIOM_DATA_DIR`: `memory://` (also `memory` or `:memory:`), or `memory://<name>`, for an
 *   in-memory PGlite (shared by name within the process, see pglite.ts),
 *   otherwise a folder; a relative folder is resolved against the repository root, so that every
 *   workspace package (whatever its working directory) means the same folder.
 * - else `<repo root>/.data/pglite`.
 */
export function resolveDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const dir = env.OPENIOM_DATA_DIR?.trim();
  if (!dir) return { kind: 'pglite', dataDir: defaultDataDir };
  if (isInMemoryDataDir(dir)) return { kind: 'pglite', dataDir: dir };
  if (dir === 'memory' || dir === ':memory:') return { kind: 'pglite', dataDir: IN_MEMORY };
  return { kind: 'pglite', dataDir: path.resolve(repoRoot, dir) };
}

/** For messages: the database without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return isInMemoryDataDir(config.dataDir) ? 'PGlite (in memory)' : `PGlite ${config.dataDir}`;
  try {
    const u = new URL(config.url);
    if (u.password) u.password = '***';
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}
