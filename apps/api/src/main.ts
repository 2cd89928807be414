import { startOpenIOM } from './app.ts';
import { logger } from './lib/logger.ts';

const started = Date.now();
const app = await startOpenIOM();
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
