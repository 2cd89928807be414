import { defineConfig } from 'prisma/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// Every Prisma CLI command first downloads the native schema engine, which cannot work offline.
// `prisma generate` does not need it: point the CLI at a stub that fails loudly (never one that
// exits 0, or `migrate diff` would silently print nothing). Migrations use the wasm engine instead
// (src/migrate).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, 'src/migrate/no-native-engine.sh');

export default defineConfig({
  schema: path.join(here, 'schema.prisma'),
  migrations: { path: path.join(here, 'migrations') },
});
