import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const apiDir = path.join(repoRoot, 'apps/api');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** apps/api's `serve` script: how `npm start` runs the API. */
export function serveScript(): string {
  return JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')).scripts.serve as string;
}

/** VmRSS / VmHWM of a process in MiB, from /proc. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** CPU time (user + system, all threads) a process has used so far, in seconds (10 ms resolution). */
export function cpuSecondsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface BenchApi {
  url: string;
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The API as `npm start` runs it (apps/api's `serve` script: the built `dist/main.js`, so `pnpm run
 * build` first), in a process of its own, on `databaseUrl`. Background services that would add load
 * of their own are off unless `env` turns them on; `env` also sets REDIS_URL (none by default).
 */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchApi> {
  try {
    statSync(path.join(apiDir, 'dist/main.js'));
  } catch {
    throw new Error('apps/api/dist/main.js is missing: run `pnpm run build` first');
  }
  const port = await freePort();
  // `exec`: the shell becomes the API process, so its pid is the one whose memory is read.
  const child = spawn('sh', ['-c', `exec ${serveScript()}`], {
    cwd: apiDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      OPENIOM_WEB_DIST: '',
      OPENIOM_LOG_LEVEL: 'warn',
      OPENIOM_INTERFACES: 'off',
      OPENIOM_ALARMS: 'off',
      OPENIOM_SWITCH: 'off',
      OPENIOM_DUNNING: 'off',
      OPENIOM_CDR_SIMULATOR: 'off',
      OPENIOM_LOCATION_SIMULATOR: 'off',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Never outlive the bench, whatever ends it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('the API did not start within 60 s');
    await sleep(100);
  }
  return {
    url,
    child,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
