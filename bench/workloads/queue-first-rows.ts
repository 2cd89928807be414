import { loadConfig, startOpenIOM } from '@openiom/api';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { median, type Figure } from '../lib/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const TARGET_MS = 1500;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/**
 * W6: time from navigation to the first rows of the work-order queue screen
 * (/work-orders/by-position), logged in as the demo dispatcher, on a database that already holds
 * the demo seed and the generated work orders (w5's). The API serves the built SPA (`pnpm run build`
 * first). Each run opens a new browser context (empty HTTP cache, the session token in
 * localStorage as after a login) and reads, in the page's own clock, the time from the start of
 * the navigation until a row of the grid shows a work-order number: the SPA's load, the viewer
 * query, the queue's first block and ag-grid's render. The figure is compared with the target.
 */
export async function benchQueueFirstRows(databaseUrl: string, options: { runs: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const webDist = loadConfig().webDist;
  if (!webDist || !existsSync(path.join(webDist, 'index.html'))) throw new Error(`w6 needs the built SPA in ${webDist}: run \`pnpm run build\` at the repository root first`);
  if (!existsSync(CHROMIUM)) throw new Error(`w6 needs Chromium at ${CHROMIUM} (Debian's chromium package)`);
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: { port: 0, webDist, redisUrl: null, crmPollMs: 3_600_000, alarms: { ...loadConfig().alarms, enabled: false }, interfaces: { ...loadConfig().interfaces, enabled: false } },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const login = await fetch(`${app.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { ok token } }', variables: { input: { loginName: 'dispatcher', password: 'openiom123' } } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const sizes = await client.query<{ queue: number; total: number }>(
      `SELECT (SELECT count(*)::int FROM work_order w JOIN position p ON p.id = w.position_id WHERE p.code = 'GZ-TH.DISPATCH' AND w.state IN ('PENDING', 'IN_PROGRESS')) AS queue,
              (SELECT count(*)::int FROM work_order) AS total`,
    );
    const { queue, total } = sizes.rows[0];

    const times: number[] = [];
    const loaded: number[] = [];
    // One unrecorded run first: the API's first requests compile and cache what later ones reuse.
    for (let run = 0; run <= options.runs; run++) {
      const context = await browser.newContext({
        viewport: { width: 1920, height: 1080 },
        locale: 'zh-CN',
        storageState: { cookies: [], origins: [{ origin: app.server.url, localStorage: [{ name: 'openiom.token', value: token }] }] },
      });
      const page = await context.newPage();
      await page.goto(`${app.server.url}/work-orders/by-position`, { waitUntil: 'commit' });
      // Evaluated in the page (a string: the bench is compiled without the DOM's types).
      const firstRows = await page.waitForFunction(
        `(() => {
          const cell = [...document.querySelectorAll('.ag-cell[col-id="workOrderNo"]')].find((c) => /^B\\d{10}-/.test(c.textContent ?? ''));
          return cell ? performance.now() : null;
        })()`,
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      const ms = (await firstRows.jsonValue()) as number;
      // Where the time went: the document and scripts, then the GraphQL requests (viewer, queue).
      const phases = (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const graphql = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/graphql'));
        return { domContentLoaded: nav.domContentLoadedEventEnd, graphql: graphql.map((e) => [Math.round(e.startTime), Math.round(e.responseEnd)]) };
      })()`)) as { domContentLoaded: number; graphql: [number, number][] };
      await context.close();
      if (run > 0) {
        times.push(ms);
        loaded.push(phases.domContentLoaded);
      }
      console.log(`  run ${run}${run === 0 ? ' (warm-up)' : ''}: first rows after ${ms.toFixed(0)} ms (DOMContentLoaded ${phases.domContentLoaded.toFixed(0)} ms, GraphQL requests ${phases.graphql.map(([a, b]) => `${a}–${b}`).join(', ')} ms)`);
    }
    const value = median(times);
    const p90 = percentile(times, 0.9);
    const date = new Date().toISOString();
    return {
      figures: [
        { id: 'w6.queue_first_rows_ms', title: `work-order queue by position: navigation → first rows in Chromium (${(total / 1e6).toFixed(1)} M work orders, dispatcher's queue ${queue})`, value, unit: 'ms', baseline: TARGET_MS, baselineLabel: 'the target', ratio: TARGET_MS / value, target: '≤ 1500 ms', met: p90 <= TARGET_MS, date },
      ],
      notes: [
        `w6: Chromium (${browser.version()}) at 1920×1080, a new context per run (empty cache), the dispatcher's token in localStorage, page clock from navigation start to the first grid cell with a work-order number; ${total} work orders in the database, ${queue} in the dispatcher's queue (Tianhe dispatch, pending or in progress); ${options.runs} runs after one warm-up: median ${value.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}); met = p90 within the target; 1-min load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end (other jobs share the machine); DOMContentLoaded (SPA document and scripts) median ${median(loaded).toFixed(0)} ms.`,
      ],
    };
  } finally {
    await client.end();
    await browser.close();
    await app.stop();
  }
}
