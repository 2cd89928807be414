// Starts one OpenIOM process from the command line (see main.ts) and stops it cleanly on SIGINT/SIGTERM.
import { startOpenIOM, type OpenIOM } from './app.ts';
import { logger } from './lib/logger.ts';

const started = Date.now();
let app: OpenIOM;
try {
  app = await startOpenIOM();
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    console.error(`\nOpenIOM cannot start: the port is already in use (${err.message}). Set PORT to another port, e.g. PORT=4001 npm start.\n`);
  } else {
    console.error('\nOpenIOM could not start:', err);
  }
  process.exit(1);
}
const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
console.log(`\nOpenIOM is running at ${app.server.url}  (GraphQL: ${app.server.url}/graphql, database: ${database}, started in ${Date.now() - started} ms)\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
