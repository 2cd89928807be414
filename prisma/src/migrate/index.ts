// Offline migration commands on Prisma's wasm schema engine (the native CLI's engine download
// cannot work here). Same migrations folder and `_prisma_migrations` table as `prisma migrate`.
//
//   createMigration(name)   schema.prisma vs the migrations folder → prisma/migrations/<ts>_<name>/migration.sql
//   deployMigrations(target) apply pending migrations (the engine holds an advisory lock meanwhile)
//   migrationStatus(target)  pending / applied / failed / edited migrations and schema drift
//   resetDatabase(target)    drop everything, then apply all migrations
//
// A target is a DatabaseConfig (the command opens and closes its own connection) or an open
// database `{ config, pglite }` (e.g. the result of openDatabase()): an embedded PGlite is
// single-process and single-connection, so the API migrates through the instance it already has.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DiagnoseMigrationHistoryOutput } from '@prisma/schema-engine-wasm';
import { type DatabaseConfig, describeDatabase, IN_MEMORY, isInMemoryDataDir, resolveDatabaseConfig } from '../config.ts';
import { freshInMemoryPGlite, sharedInMemoryPGlite } from '../pglite.ts';
import {
  type MigrateLogger,
  type MigrationConnection,
  type MigrationConnectionOptions,
  type MigrationTarget,
  openMigrationConnection,
  targetConfig,
} from './adapters.ts';
import {
  checkLockfile,
  defaultMigrationsDir,
  defaultSchemaPath,
  ensureLockfile,
  MIGRATION_FILE_NAME,
  migrationNames,
  nextMigrationDirName,
  noFilter,
  type PathOptions,
  readMigrationsList,
  readSchemaFiles,
} from './files.ts';
import { Engine, SchemaEngineError } from './wasm-engine.ts';

export type { MigrateLogger, MigrationTarget, ShadowDatabaseMode } from './adapters.ts';
export { SHADOW_DATABASE_PREFIX } from './adapters.ts';
export { releaseEngineAssets, SchemaEngineError } from './wasm-engine.ts';
export {
  defaultMigrationsDir,
  defaultSchemaPath,
  migrationTimestamp,
  normaliseMigrationName,
  readMigrationsList,
  LOCKFILE_CONTENT,
} from './files.ts';

export interface MigrateOptions extends PathOptions, MigrationConnectionOptions {
  /** Receives the engine's own (JSON) log lines; for debugging. */
  onEngineLog?: (line: string) => void;
}

interface Session {
  engine: Engine;
  connection: MigrationConnection;
}

/** Serialises engine sessions on one embedded database within this process. */
const pgliteQueues = new Map<unknown, Promise<unknown>>();

async function withEngine<T>(target: MigrationTarget, options: MigrateOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const config = targetConfig(target);
  const schemaFiles = readSchemaFiles(options.schemaPath ?? defaultSchemaPath);
  const run = async () => {
    const connection = await openMigrationConnection(target, options);
    let engine: Engine | undefined;
    try {
      engine = await Engine.open({
        datamodels: schemaFiles.map((f) => [f.path, f.content]),
        adapterFactory: connection.factory,
        onEngineLog: options.onEngineLog,
      });
      return await fn({ engine, connection });
    } finally {
      engine?.close();
      await connection.close();
    }
  };
  if (config.kind !== 'pglite') return run();
  // PGlite: one connection, so two engines on one instance would interleave their migrations (its
  // advisory lock is taken by the same session, i.e. granted to both): queue them. Across processes
  // (and against a folder already open in this one) the folder's lock file guards it.
  const key: unknown =
    ('kind' in target ? undefined : target.pglite) ?? (isInMemoryDataDir(config.dataDir) ? await sharedInMemoryPGlite(config.dataDir) : config.dataDir);
  const previous = pgliteQueues.get(key) ?? Promise.resolve();
  const current = previous.catch(() => {}).then(run);
  pgliteQueues.set(key, current);
  try {
    return await current;
  } finally {
    if (pgliteQueues.get(key) === current) pgliteQueues.delete(key);
  }
}

function lists(options: PathOptions) {
  const migrationsDir = path.resolve(options.migrationsDir ?? defaultMigrationsDir);
  const migrationsList = readMigrationsList(migrationsDir);
  checkLockfile(migrationsList);
  return { migrationsDir, migrationsList };
}

// ---------------------------------------------------------------------------------------------

export interface DeployResult {
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
  durationMs: number;
}

/**
 * Applies every pending migration (`prisma migrate deploy`). Concurrent deploys against one
 * PostgreSQL database are safe: the engine takes advisory lock 72707369 for the whole run, so a
 * second deployer waits, then finds nothing left to apply. Throws a SchemaEngineError when a
 * migration fails (P3018; it is then recorded as failed and its changes are rolled back) or when a
 * failed migration blocks the history (P3009; see `markMigrationRolledBack`).
 */
export async function deployMigrations(target: MigrationTarget = resolveDatabaseConfig(), options: MigrateOptions = {}): Promise<DeployResult> {
  const started = performance.now();
  const { migrationsList } = lists(options);
  return withEngine(target, options, async ({ engine }) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return { applied: out.appliedMigrationNames, durationMs: Math.round(performance.now() - started) };
  });
}

// ---------------------------------------------------------------------------------------------

export interface CreateMigrationOptions extends MigrateOptions {
  /**
   * Database whose server hosts the temporary shadow database the engine replays the history
   * into. Default: a PostgreSQL server when DATABASE_URL is set, otherwise an in-memory PGlite
   * (the real database is never touched).
   */
  config?: DatabaseConfig;
  /** Write a migration even when the schema has no changes (an empty one, to fill in by hand). */
  allowEmpty?: boolean;
  /** For the folder timestamp; default now. */
  now?: Date;
}

export interface CreateMigrationResult {
  /** false when the schema matches the migrations (nothing written). */
  created: boolean;
  /** e.g. 20250101120000_init */
  name?: string;
  /** Absolute path of the migration.sql written. */
  file?: string;
  sql: string;
}

/**
 * `prisma migrate dev --create-only`: diffs the migrations folder (replayed into a shadow
 * database) against the schema and writes the SQL as a new migration. Writes
 * migration_lock.toml first if missing. Never applies anything.
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<CreateMigrationResult> {
  // The engine reads the provider from the lockfile: it must exist before the diff.
  ensureLockfile(path.resolve(options.migrationsDir ?? defaultMigrationsDir));
  const { migrationsDir, migrationsList } = lists(options);
  const config = options.config ?? resolveDatabaseConfig();
  const schemaFiles = readSchemaFiles(options.schemaPath ?? defaultSchemaPath);
  const dirName = nextMigrationDirName(migrationNames(migrationsList), name, options.now ?? new Date());
  // `diff` only uses the shadow database. With PGlite, give the engine a private in-memory main
  // connection: the real database is never opened.
  const scratch = config.kind === 'pglite' ? await freshInMemoryPGlite() : undefined;
  const target: MigrationTarget = scratch ? { config: { kind: 'pglite', dataDir: IN_MEMORY }, pglite: scratch } : config;
  let result;
  try {
    result = await withEngine(target, options, ({ engine }) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: schemaFiles },
        script: true,
        exitCode: true,
        filters: noFilter,
      }),
    );
  } finally {
    await scratch?.close();
  }
  const sql = result.stdout ?? '';
  const hasChanges = result.exitCode === 2;
  if (!hasChanges && !options.allowEmpty) return { created: false, sql };
  const dir = path.join(migrationsDir, dirName);
  mkdirSync(dir, { recursive: false });
  const file = path.join(dir, MIGRATION_FILE_NAME);
  writeFileSync(file, hasChanges ? sql : '-- This is an empty migration.\n');
  return { created: true, name: dirName, file, sql };
}

// ---------------------------------------------------------------------------------------------

export interface AppliedMigration {
  name: string;
  startedAt: Date;
  finishedAt: Date | null;
  appliedStepsCount: number;
}

export interface FailedMigration {
  name: string;
  startedAt: Date;
  /** The error recorded by the engine. */
  logs: string | null;
}

export interface MigrationStatus {
  database: string;
  migrationsDir: string;
  /** Migrations in the folder, oldest first. */
  local: string[];
  hasMigrationsTable: boolean;
  /** Successfully applied (not rolled back), oldest first. */
  applied: AppliedMigration[];
  /** In the folder, not applied yet. */
  pending: string[];
  /** Recorded as failed and not rolled back: deploy refuses to continue until resolved. */
  failed: FailedMigration[];
  /** Applied, but the file changed since (checksum mismatch). */
  edited: string[];
  /** Applied to the database but missing from the folder. */
  missingLocally: string[];
  /**
   * Schema drift: the database differs from what its applied migrations produce. Not checked when
   * disabled (checkDrift: false) or while a migration is failed (its partial state is the problem).
   */
  drift: { checked: boolean; detected: boolean; summary?: string };
  /** True when nothing is pending, failed, edited, missing or drifted. */
  upToDate: boolean;
  /** Human-readable problems (failed, edited, missing, drift); pending migrations are not a problem. */
  problems: string[];
}

export interface StatusOptions extends MigrateOptions {
  /** Check for drift (replays the applied migrations into a shadow database). Default true. */
  checkDrift?: boolean;
}

/** `prisma migrate status`, plus drift detection. Reads only; never changes the database. */
export async function migrationStatus(target: MigrationTarget = resolveDatabaseConfig(), options: StatusOptions = {}): Promise<MigrationStatus> {
  const { migrationsDir, migrationsList } = lists(options);
  const local = migrationNames(migrationsList);
  const config = targetConfig(target);
  return withEngine(target, options, async ({ engine, connection }) => {
    const diagnostic: DiagnoseMigrationHistoryOutput = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilter,
    });
    const rows = diagnostic.hasMigrationsTable ? await readMigrationsTable(connection) : [];
    const applied = rows
      .filter((r) => r.finished_at !== null && r.rolled_back_at === null)
      .map((r) => ({ name: r.migration_name, startedAt: r.started_at, finishedAt: r.finished_at, appliedStepsCount: r.applied_steps_count }));
    const failedNames = new Set(diagnostic.failedMigrationNames);
    const failed = rows
      .filter((r) => failedNames.has(r.migration_name) && r.finished_at === null && r.rolled_back_at === null)
      .map((r) => ({ name: r.migration_name, startedAt: r.started_at, logs: r.logs }));
    const appliedNames = new Set(applied.map((a) => a.name));
    const pending = local.filter((n) => !appliedNames.has(n) && !failedNames.has(n));
    const history = diagnostic.history;
    const missingLocally =
      history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];

    let drift: MigrationStatus['drift'] = { checked: false, detected: false };
    if (options.checkDrift !== false && failed.length === 0) {
      // Replay the applied migrations (those still in the folder) into a shadow database and compare
      // with the live schema. Pending migrations are not drift.
      const appliedList = {
        ...migrationsList,
        migrationDirectories: migrationsList.migrationDirectories.filter((d) => appliedNames.has(d.path)),
      };
      const res = await engine.diff({
        from: { tag: 'migrations', ...appliedList },
        to: { tag: 'schemaDatasource', files: readSchemaFiles(options.schemaPath ?? defaultSchemaPath), configDir: process.cwd() },
        script: false,
        exitCode: true,
        filters: noFilter,
      });
      drift = res.exitCode === 2 ? { checked: true, detected: true, summary: (res.stdout ?? '').trim() } : { checked: true, detected: false };
    }

    const problems: string[] = [];
    for (const f of failed) problems.push(`migration ${f.name} failed${f.logs ? `: ${firstLine(f.logs)}` : ''}`);
    for (const e of diagnostic.editedMigrationNames) problems.push(`migration ${e} was modified after it was applied`);
    for (const m of missingLocally) problems.push(`migration ${m} is applied to the database but missing from ${migrationsDir}`);
    if (drift.detected) problems.push('drift detected: the database schema differs from its migration history');
    return {
      database: describeDatabase(config),
      migrationsDir,
      local,
      hasMigrationsTable: diagnostic.hasMigrationsTable,
      applied,
      pending,
      failed,
      edited: diagnostic.editedMigrationNames,
      missingLocally,
      drift,
      upToDate: problems.length === 0 && pending.length === 0,
      problems,
    };
  });
}

function firstLine(s: string): string {
  const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|ERROR/.test(l)) ?? lines[0] ?? s;
}

interface MigrationsTableRow extends Record<string, unknown> {
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

async function readMigrationsTable(connection: MigrationConnection): Promise<MigrationsTableRow[]> {
  return connection.query<MigrationsTableRow>(
    'SELECT migration_name, started_at, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY started_at, migration_name',
  );
}

// ---------------------------------------------------------------------------------------------

export interface ResetResult {
  applied: string[];
  durationMs: number;
}

/** Drops every table, type and row of the database, then applies all migrations. Development only. */
export async function resetDatabase(target: MigrationTarget = resolveDatabaseConfig(), options: MigrateOptions = {}): Promise<ResetResult> {
  const started = performance.now();
  const { migrationsList } = lists(options);
  return withEngine(target, options, async ({ engine }) => {
    await engine.reset({ filter: noFilter });
    const out = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return { applied: out.appliedMigrationNames, durationMs: Math.round(performance.now() - started) };
  });
}

/**
 * `prisma migrate resolve --rolled-back <name>`: after fixing the cause of a failed migration (its
 * changes were rolled back with it), mark it rolled back so that deploy applies it again.
 */
export async function markMigrationRolledBack(target: MigrationTarget, migrationName: string, options: MigrateOptions = {}): Promise<void> {
  await withEngine(target, options, ({ engine }) => engine.markMigrationRolledBack({ migrationName }));
}

export function isSchemaEngineError(error: unknown, code?: string): error is SchemaEngineError {
  return error instanceof SchemaEngineError && (code === undefined || error.code === code);
}
