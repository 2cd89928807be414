import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

const API = 'http://127.0.0.1:4000';

// `/graphql` carries both HTTP and graphql-ws, so the proxy must upgrade WebSockets too; `/export`
// serves Excel and PDF downloads.
const proxy = { '/graphql': { target: API, ws: true }, '/export': { target: API } };

export default defineConfig({
  plugins: [react()],
  define: {
    __APP_VERSION__: JSON.stringify((pkg as { version?: string }).version ?? '0.1.0'),
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl alone is ~1 MB minified and is wired at start-up by design.
    chunkSizeWarningLimit: 1600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
  },
});
