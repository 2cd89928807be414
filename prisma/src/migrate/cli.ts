// Offline migration CLI (wasm schema engine). Database: DATABASE_URL, else OPENIOM_DATA_DIR, else
// <repo>/.data/pglite (see src/config.ts).
//
//   tsx src/migrate/cli.ts create <name> [--allow-empty]   new migration from schema.prisma
//   tsx src/migrate/cli.ts deploy                          apply pending migrations
//   tsx src/migrate/cli.ts status [--json] [--no-drift]    exit 0 up to date, 1 problem (failed,
//                                                          edited, missing, drift), 2 pending only
//   tsx src/migrate/cli.ts reset [--force]                 drop everything and re-apply
//   tsx src/migrate/cli.ts resolve --rolled-back <name>    mark a failed migration rolled back
//
// Options: --schema <file|dir>, --migrations <dir>, --verbose (shadow database and engine logs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeDatabase, resolveDatabaseConfig } from '../config.ts';
import {
  createMigration,
  deployMigrations,
  markMigrationRolledBack,
  type MigrateOptions,
  migrationStatus,
  type MigrationStatus,
  resetDatabase,
  SchemaEngineError,
} from './index.ts';

const usage = `usage: cli.ts <create <name> | deploy | status | reset | resolve --rolled-back <name>> [options]
  --schema <path>       Prisma schema file or folder (default prisma/schema.prisma)
  --migrations <dir>    migrations folder (default prisma/migrations)
  --allow-empty         create: write an empty migration when the schema has no changes
  --json                status: print the status as JSON
  --no-drift            status: skip drift detection
  --force               reset: required unless the database is an embedded PGlite
  --verbose             print shadow-database and engine logs`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'allow-empty': { type: 'boolean' },
      json: { type: 'boolean' },
      'no-drift': { type: 'boolean' },
      force: { type: 'boolean' },
      'rolled-back': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 1;
  }
  const options: MigrateOptions = {
    schemaPath: values.schema ? path.resolve(values.schema) : undefined,
    migrationsDir: values.migrations ? path.resolve(values.migrations) : undefined,
    log: values.verbose ? (m) => console.error(`  · ${m}`) : undefined,
    onEngineLog: values.verbose ? (l) => console.error(`  ~ ${l}`) : undefined,
  };
  const config = resolveDatabaseConfig();

  switch (command) {
    case 'create': {
      const name = rest[0];
      if (!name) {
        console.error('create: a migration name is required, e.g. `create add_staff_phone`');
        return 1;
      }
      const res = await createMigration(name, { ...options, allowEmpty: values['allow-empty'] });
      if (!res.created) {
        console.log('No schema changes: the migrations already match schema.prisma. Nothing written (use --allow-empty for a hand-written migration).');
        return 0;
      }
      console.log(`Created ${path.relative(process.cwd(), res.file!)}`);
      console.log('Review it, then apply it with `pnpm db:migrate:deploy`.');
      return 0;
    }
    case 'deploy': {
      console.log(`Applying migrations to ${describeDatabase(config)} …`);
      const res = await deployMigrations(config, options);
      if (res.applied.length === 0) console.log(`No pending migrations (${res.durationMs} ms).`);
      else {
        for (const m of res.applied) console.log(`  applied ${m}`);
        console.log(`${res.applied.length} migration(s) applied in ${res.durationMs} ms.`);
      }
      return 0;
    }
    case 'status': {
      const status = await migrationStatus(config, { ...options, checkDrift: !values['no-drift'] });
      if (values.json) console.log(JSON.stringify(status, null, 2));
      else printStatus(status);
      return statusExitCode(status);
    }
    case 'reset': {
      if (config.kind === 'postgres' && !values.force) {
        console.error(`reset drops every table of ${describeDatabase(config)}; re-run with --force to confirm.`);
        return 1;
      }
      console.log(`Resetting ${describeDatabase(config)} …`);
      const res = await resetDatabase(config, options);
      for (const m of res.applied) console.log(`  applied ${m}`);
      console.log(`Database reset; ${res.applied.length} migration(s) applied in ${res.durationMs} ms.`);
      return 0;
    }
    case 'resolve': {
      const name = values['rolled-back'];
      if (!name) {
        console.error('resolve: use `resolve --rolled-back <migration name>`');
        return 1;
      }
      await markMigrationRolledBack(config, name, options);
      console.log(`Marked ${name} as rolled back; \`deploy\` will apply it again.`);
      return 0;
    }
    default:
      console.error(`unknown command ${command}\n${usage}`);
      return 1;
  }
}

export function statusExitCode(status: MigrationStatus): number {
  if (status.problems.length) return 1;
  return status.pending.length ? 2 : 0;
}

export function printStatus(s: MigrationStatus): void {
  console.log(`Database:   ${s.database}`);
  console.log(`Migrations: ${s.migrationsDir} (${s.local.length})`);
  if (!s.hasMigrationsTable) console.log('The database has no migrations table yet (nothing applied).');
  for (const a of s.applied) console.log(`  applied   ${a.name}`);
  for (const p of s.pending) console.log(`  pending   ${p}`);
  for (const f of s.failed) console.log(`  FAILED    ${f.name}`);
  for (const e of s.edited) console.log(`  EDITED    ${e} (changed after it was applied)`);
  for (const m of s.missingLocally) console.log(`  MISSING   ${m} (applied, but not in the migrations folder)`);
  if (!s.drift.checked) console.log('(drift not checked)');
  if (s.drift.detected) {
    console.log('DRIFT: the database schema differs from what its applied migrations produce:');
    console.log(s.drift.summary?.replace(/^/gm, '    ') ?? '');
  }
  for (const f of s.failed) if (f.logs) console.log(`\n${f.name} failed with:\n${f.logs.replace(/^/gm, '    ')}`);
  if (s.problems.length) {
    console.log(`\n${s.problems.length} problem(s):`);
    for (const p of s.problems) console.log(`  - ${p}`);
    if (s.failed.length)
      console.log('Fix the migration, then `tsx src/migrate/cli.ts resolve --rolled-back <name>` and deploy again (its changes were rolled back).');
  } else if (s.pending.length) console.log(`\n${s.pending.length} pending migration(s): run \`pnpm db:migrate:deploy\`.`);
  else console.log('\nDatabase schema is up to date.');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof SchemaEngineError) console.error(`Error${error.code ? ` ${error.code}` : ''}: ${error.message}`);
      else console.error(error instanceof Error ? (process.env.OPENIOM_MIGRATE_TRACE ? error.stack : `Error: ${error.message}`) : error);
      process.exitCode = 1;
    },
  );
}
