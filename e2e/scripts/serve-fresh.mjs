// Starts OpenIOM for the e2e suite the way a new user meets it: the built SPA and the API on one
// port, over a brand-new embedded PGlite database (migrated and seeded with the demo data on start).
// Playwright's `webServer` runs this; the environment (PORT, OPENIOM_DATA_DIR, empty DATABASE_URL and
// REDIS_URL) comes from playwright.config.ts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(e2eRoot, '..');

const dataDir = process.env.OPENIOM_DATA_DIR;
if (!dataDir || !path.isAbsolute(dataDir) || !dataDir.startsWith(path.join(e2eRoot, '.tmp') + path.sep)) {
  // Never delete a folder we do not own (e.g. someone's `.data/pglite`).
  console.error(`[e2e] OPENIOM_DATA_DIR must be an absolute folder under e2e/.tmp, got "${dataDir ?? ''}"`);
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error('[e2e] DATABASE_URL must be empty: the e2e suite always runs on a fresh embedded PGlite');
  process.exit(2);
}

const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');
if (!existsSync(webIndex)) {
  // Without the built SPA the API still answers /healthz, and every journey would fail obscurely.
  console.error('[e2e] apps/web/dist is missing: build the web app first (`pnpm run build` from the repository root).');
  process.exit(2);
}

rmSync(dataDir, { recursive: true, force: true });

// The API's own `serve` script, run the way `pnpm --filter @openiom/api run serve` runs it, but in this
// process group: Playwright ends the web server by signalling its process group, and pnpm would start
// the script in a group of its own, out of that signal's reach.
const apiDir = path.join(repoRoot, 'apps/api');
const serve = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')).scripts?.serve;
if (!serve) {
  console.error('[e2e] apps/api/package.json has no "serve" script');
  process.exit(2);
}
const binDirs = [path.join(apiDir, 'node_modules/.bin'), path.join(repoRoot, 'node_modules/.bin')];
const child = spawn('sh', ['-c', `exec ${serve}`], {
  cwd: apiDir,
  stdio: 'inherit',
  env: { ...process.env, PATH: [...binDirs, process.env.PATH].join(path.delimiter) },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  // The whole group gets the signal already; a second one would only be noise.
  process.on(signal, () => undefined);
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
