import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { BASE_URL, DATA_DIR, E2E_ROOT, PORT, STORAGE_STATE } from './fixtures/settings.ts';

const CI = !!process.env.CI;

/**
 * Journeys that change what the whole server does run after all the others, one at a time:
 * `*.clock.spec.ts` move the API's clock (advanceClock), `*.exclusive.spec.ts` force an external
 * system's simulator to refuse everything for a while (other journeys' orders would stall).
 */
const EXCLUSIVE = /.*\.(clock|exclusive)\.spec\.ts$/;

if (!existsSync(path.join(E2E_ROOT, 'generated', 'graphql.ts'))) {
  throw new Error('e2e/generated is missing: run `pnpm codegen` (or `pnpm run build`) from the repository root first');
}

/**
 * Journeys against a freshly started OpenIOM (built SPA + API on one port, new embedded PGlite with the
 * demo data) in Debian's Chromium. Browsers are never downloaded: see scripts/ensure-chromium.sh.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores: one browser worker next to the server, and a second for the journeys that wait on it.
  workers: 2,
  // Generous: the machine is shared and a busy CPU slows the SPA's first load; green runs are unaffected.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts$/ },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: EXCLUSIVE,
      dependencies: ['setup'],
      use: { storageState: STORAGE_STATE.admin },
    },
    // Journeys that move the API's clock (advanceClock) run after all the others: a jump of days would
    // end the lockout a login journey is checking, or the idle time of a session another one watches.
    // One at a time: two journeys moving the one clock side by side would each see the other's jumps.
    {
      name: 'exclusive',
      testMatch: EXCLUSIVE,
      dependencies: ['chromium'],
      workers: 1,
      use: { storageState: STORAGE_STATE.admin },
    },
  ],
  webServer: {
    command: 'node scripts/serve-fresh.mjs',
    url: `${BASE_URL}/healthz`,
    timeout: 120_000,
    // The suite assumes a brand-new database (lockouts, sessions): reuse only on request, never in CI.
    reuseExistingServer: !CI && process.env.E2E_REUSE_SERVER === '1',
    // The API logs JSON lines to stderr (warnings and errors show up next to the tests).
    stdout: 'ignore',
    stderr: 'pipe',
    // The database is thrown away: a server slow to stop is not waited for long.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      OPENIOM_DATA_DIR: DATA_DIR,
      DATABASE_URL: '',
      REDIS_URL: '',
      OPENIOM_IDLE_TIMEOUT_MINUTES: '30',
      // QA may move the clock (advanceClock) to drive time limits.
      OPENIOM_TEST_MODE: '1',
      // Switch commands not confirmed within 3 s are not completed (30 s in production), so the
      // arrears journey sees that outcome without a long wait.
      OPENIOM_SWITCH_ANSWER_TIMEOUT_MS: '3000',
      // The resource and provisioning simulators answer within 300 ms but stay silent on 2 % of the
      // requests: give up on a silent one after 1.5 s (5 s in production) and retry 0.5 s later, so a
      // journey waiting for its order to reach a step does not wait out production's timeouts.
      OPENIOM_INTERFACE_TIMEOUT_MS: '1500',
      OPENIOM_INTERFACE_BACKOFF_MS: '500',
      // The demo's call-record stream would charge any unrestricted prepaid account at random, the
      // journeys' own accounts too: journeys deliver the calls they need through submitCallRecords.
      OPENIOM_CDR_SIMULATOR: 'off',
      // Demo installers driving around would stand in journeys' map boxes: map journeys report their own positions.
      OPENIOM_LOCATION_SIMULATOR: 'off',
    },
  },
});
