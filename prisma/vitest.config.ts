import { defineConfig } from 'vitest/config';

// Database tests: the wasm schema engine and PGlite are CPU-heavy; generous timeouts for 2 cores.
// Against a PostgreSQL server too when DATABASE_URL is set (each file uses throwaway databases).
export default defineConfig({
  test: {
    include: ['src/**/__tests__/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    isolate: false,
  },
});
