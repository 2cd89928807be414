// The CLI: two deploy processes started at once (and exiting promptly), then the other commands
// through main() in this process, for their output and exit codes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminQuery, createPgDatabase, serverUrl, tempDir } from '../../__tests__/helpers.ts';
import { main } from '../cli.ts';
import { readMigrationsList } from '../index.ts';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Every committed migration, oldest first. */
const committed = readMigrationsList().migrationDirectories.map((d) => d.path);

/** The migration names of the output's `  <label> <name>` lines, in order. */
const listed = (stdout: string, label: 'applied' | 'pending') => [...stdout.matchAll(new RegExp(`^  ${label} +(\\S+)$`, 'gm'))].map((m) => m[1]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** ms from the line reporting the result to the process exit */
  exitLagMs: number;
}

function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/migrate/cli.ts', ...args], {
      cwd: prismaDir,
      env: { ...process.env, DATABASE_URL: undefined, OPENIOM_DATA_DIR: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    let resultAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/applied in|No pending migrations|up to date|problem\(s\)|pending migration\(s\)/.test(stdout) && !resultAt) resultAt = Date.now();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, exitLagMs: resultAt ? Date.now() - resultAt : -1 }));
  });
}

/** Runs the CLI's main() in this process (faster than a process), capturing its output. */
async function inProcess(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  vi.stubEnv('DATABASE_URL', env.DATABASE_URL ?? '');
  vi.stubEnv('OPENIOM_DATA_DIR', env.OPENIOM_DATA_DIR ?? '');
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    vi.unstubAllEnvs();
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('migrate CLI on a PGlite folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('two deploys started at once: one applies, the other waits for the folder and finds nothing to do; both exit promptly', async () => {
    const dataDir = path.join(tmp.dir, 'pglite');
    const env = { OPENIOM_DATA_DIR: dataDir };
    const runs = await Promise.all([cli(['deploy'], env), cli(['deploy'], env)]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // the engine's ~10 s lock timer must not hold the process
      expect(r.exitLagMs).toBeGreaterThanOrEqual(0);
      expect(r.exitLagMs).toBeLessThan(4000);
    }
    const outputs = runs.map((r) => r.stdout).sort();
    // one applies every committed migration, in order; the other applies nothing
    expect(outputs.map((o) => listed(o, 'applied')).sort()).toEqual([[], committed]);
    expect(outputs.filter((o) => o.includes(`${committed.length} migration(s) applied in`))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('No pending migrations'))).toHaveLength(1);

    const status = await inProcess(['status'], env);
    expect(status.stdout).toContain('Database schema is up to date.');
    expect(status.code).toBe(0);

    const pglite = new PGlite(dataDir);
    await pglite.exec('ALTER TABLE "staff" ADD COLUMN "nickname" TEXT');
    await pglite.close();
    const drifted = await inProcess(['status'], env);
    expect(drifted.stdout).toMatch(/DRIFT/);
    expect(drifted.stdout).toMatch(/nickname/);
    expect(drifted.code).toBe(1);
  });
});

describe.runIf(serverUrl)('migrate CLI on PostgreSQL', () => {
  it('two deploys started at once are safe; status exit codes 2 (pending), 0, 1 (drift)', async () => {
    const database = await createPgDatabase('cli');
    try {
      const env = { DATABASE_URL: database.url };
      const pending = await inProcess(['status'], env);
      expect(listed(pending.stdout, 'pending')).toEqual(committed);
      expect(pending.code).toBe(2);

      const runs = await Promise.all([cli(['deploy'], env), cli(['deploy'], env)]);
      for (const r of runs) {
        expect(r.code).toBe(0);
        expect(r.exitLagMs).toBeLessThan(4000);
      }
      expect(runs.map((r) => listed(r.stdout, 'applied')).sort()).toEqual([[], committed]);
      const rows = await adminQuery(`SELECT datname FROM pg_database WHERE datname = $1`, [database.name]);
      expect(rows).toHaveLength(1);

      const ok = await inProcess(['status'], env);
      expect(ok.code).toBe(0);

      const client = await import('pg').then((m) => new m.default.Client({ connectionString: database.url }));
      await client.connect();
      await client.query('DROP INDEX "staff_name_idx"');
      await client.end();
      const drifted = await inProcess(['status', '--json'], env);
      expect(drifted.code).toBe(1);
      const json = JSON.parse(drifted.stdout) as { drift: { detected: boolean; summary: string } };
      expect(json.drift.detected).toBe(true);
      expect(json.drift.summary).toMatch(/Changed the `staff` table/);
      expect(json.drift.summary).toMatch(/Removed index on columns \(name\)/);

      const refused = await inProcess(['reset'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/--force/);
      const reset = await inProcess(['reset', '--force'], env);
      expect(reset.code).toBe(0);
      expect((await inProcess(['status'], env)).code).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
