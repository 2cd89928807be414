import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputLimit = 20_000;

/** The API running as its own operating-system process, as `npm start` runs it. */
export interface ApiProcess {
  url: string;
  pid: number;
  /** The end of what the process printed (for failure messages). */
  output(): string;
  /** SIGKILL: the process dies on the spot, open transactions and requests with it. */
  kill(): Promise<void>;
  /** SIGTERM: the clean shutdown `serve.ts` does. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/main.ts` with `env` on top of this process's environment and a
 * port of its own, and resolves once it serves requests.
 */
export function startApiProcess(env: Record<string, string>, { readyTimeoutMs = 60_000 } = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', OPENIOM_WEB_DIST: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onOutput = () => {};
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-outputLimit);
    onOutput();
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  // Never outlive the test run, whatever happens to it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };

  return new Promise<ApiProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void signal('SIGKILL');
      reject(new Error(`the API did not start within ${readyTimeoutMs} ms:\n${output}`));
    }, readyTimeoutMs);
    const onExit = (code: number | null, signalCode: string | null) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${signalCode ?? code}) before it was ready:\n${output}`));
    };
    child.once('exit', onExit);
    onOutput = () => {
      // serve.ts prints this line once the server listens.
      const url = /OpenIOM is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      onOutput = () => {};
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ url, pid: child.pid as number, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') });
    };
  });
}
