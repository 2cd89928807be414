import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Vite would pick graphql's ESM build for our sources while Node loads the CommonJS build for
    // the libraries (Apollo, graphql-tools, graphql-ws): two realms that reject each other's schema.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { OPENIOM_LOG_LEVEL: 'silent' },
  },
});
