import { startOpenIOM } from '@openiom/api';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { median, type Figure } from '../lib/harness.ts';

/** Writes `lines` bill lines "phone amount" (space-delimited, like the demo SPACE format). */
async function writeBillFile(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    chunk += `1${String(3_000_000_000 + i)} ${(i % 50_000) / 100}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * W5 (bills): a generated bill file imported end to end through the upload endpoint (stream →
 * decode → split → validate → COPY → month switch) against `psql \copy` of the same file into a
 * table like `bill` (same primary key), alternating, in the same run; peak RSS of the process
 * (API and the uploading client) sampled every 20 ms during the import. Then the by-number-and-month
 * lookup through GraphQL with `lookupMonths` × lines bill rows in force, against the same SQL on raw pg.
 */
export async function benchBillImport(databaseUrl: string, options: { lines: number; rounds: number; lookupMonths: number; lookups: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const file = path.join(os.tmpdir(), `openiom-bills-${process.pid}.txt`);
  await writeBillFile(file, options.lines);
  const bytes = statSync(file).size;
  const app = await startOpenIOM({ database: { kind: 'postgres', url: databaseUrl }, config: { port: 0, webDist: null, redisUrl: null } });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`${app.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return ((await response.json()) as { data: any }).data;
    };
    const token = (await gql('mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { loginName: 'billing-senior', password: 'openiom123' } })).login.token as string;
    const formatId = (await app.prisma.billFormat.findUniqueOrThrow({ where: { code: 'SPACE' }, select: { id: true } })).id;
    await pool.query(`UPDATE bill_format SET encoding = 'UTF-8' WHERE id = $1`, [formatId]);
    await pool.query('CREATE TABLE bill_baseline (LIKE bill INCLUDING ALL)');
    await pool.query('ALTER TABLE bill_baseline ALTER import_id SET DEFAULT 0');

    const upload = (month: string) =>
      new Promise<{ ms: number; peakRss: number; result: any }>((resolve, reject) => {
        let peakRss = process.memoryUsage.rss();
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
        const started = performance.now();
        const request = http.request(`${app.server.url}/billing/imports?month=${month}&format=${formatId}&name=bench.txt`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': String(bytes) } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (part: string) => (body += part));
          response.on('end', () => {
            clearInterval(sampler);
            resolve({ ms: performance.now() - started, peakRss, result: JSON.parse(body) });
          });
        });
        request.on('error', reject);
        createReadStream(file).pipe(request);
      });
    const copy = async () => {
      await pool.query('TRUNCATE bill_baseline');
      const started = performance.now();
      execFileSync('psql', [databaseUrl, '-q', '-c', `\\copy bill_baseline (phone, amount) FROM '${file}' WITH (DELIMITER ' ')`]);
      return performance.now() - started;
    };

    global.gc?.();
    const rssBefore = process.memoryUsage.rss() / 2 ** 20;
    const api: number[] = [];
    const raw: number[] = [];
    const rss: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const { ms, peakRss, result } = await upload('2030-01');
      if (result.import?.state !== 'SUCCEEDED' || result.import.loadedLines !== options.lines) throw new Error(`bill import did not load every line: ${JSON.stringify(result).slice(0, 300)}`);
      api.push(ms);
      rss.push(peakRss / 2 ** 20);
      raw.push(await copy());
    }
    const apiMs = median(api);
    const rawMs = median(raw);
    const peak = Math.max(...rss);
    const date = new Date().toISOString();
    const figures: Figure[] = [
      { id: 'bills.import_s', title: `bill file import end to end: ${(options.lines / 1e6).toFixed(1)} M lines upload → parse → validate → COPY → month switch`, value: apiMs / 1000, unit: 's', baseline: rawMs / 1000, baselineLabel: 'psql \\copy of the same file into a table like bill', ratio: rawMs / apiMs, target: '≤ 10 s and ≥ 0.5× the copy rate', met: apiMs <= 10_000 && rawMs / apiMs >= 0.5, date },
      { id: 'bills.import_peak_rss_mb', title: 'peak RSS of the API process during the import (uploading client in the same process)', value: peak, unit: 'MB', baseline: 300, baselineLabel: 'the target', ratio: 300 / peak, target: '≤ 300 MB', met: peak <= 300, date },
    ];
    const notes = [
      `bills: ${options.lines} lines (${(bytes / 2 ** 20).toFixed(1)} MiB) per import, ${options.rounds} alternating rounds re-importing the same month (each replaces the previous import and deletes its rows); API ${api.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s, psql \\copy ${raw.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; peak RSS per round ${rss.map((mb) => mb.toFixed(0)).join(', ')} MB; RSS before the first import ${rssBefore.toFixed(0)} MB (the API process with the benchmark client and tsx), so an import adds about ${(peak - rssBefore).toFixed(0)} MB.`,
    ];

    if (options.lookupMonths > 0) {
      // Fills months so that lookupMonths × lines rows are in force (the file's month is one of them).
      for (let m = 2; m <= options.lookupMonths; m++) {
        const month = `2030-${String(m).padStart(2, '0')}`;
        const { rows } = await pool.query(`INSERT INTO bill_import (billing_month, format_id, file_name, state, total_lines, loaded_lines, finished_at) VALUES ($1, $2, 'generated', 'SUCCEEDED', $3, $3, now()) RETURNING id`, [month, formatId, options.lines]);
        await pool.query(`INSERT INTO bill (import_id, phone, amount) SELECT $1, '1' || (3000000000 + i)::text, (i % 50000) / 100.0 FROM generate_series(0, $2 - 1) AS i`, [rows[0].id, options.lines]);
        await pool.query('INSERT INTO bill_month (billing_month, import_id) VALUES ($1, $2)', [month, rows[0].id]);
      }
      await pool.query('ANALYZE bill');
      await pool.query('ANALYZE bill_month');
      const total = Number((await pool.query('SELECT count(*) AS n FROM bill b JOIN bill_month m ON m.import_id = b.import_id')).rows[0].n);
      const QUERY = 'query($filter: BillFilter!) { bills(filter: $filter) { billingMonth phone amount } }';
      const pick = () => ({ phone: `1${3_000_000_000 + Math.floor(Math.random() * options.lines)}`, billingMonth: `2030-${String(1 + Math.floor(Math.random() * options.lookupMonths)).padStart(2, '0')}` });
      const apiLat: number[] = [];
      const rawLat: number[] = [];
      for (let i = 0; i < options.lookups + 20; i++) {
        const filter = pick();
        let started = performance.now();
        const found = await gql(QUERY, { filter }, token);
        const a = performance.now() - started;
        if (found.bills.length !== 1) throw new Error(`lookup of ${JSON.stringify(filter)} found ${found.bills.length} bills`);
        started = performance.now();
        await pool.query('SELECT m.billing_month, b.phone, b.amount FROM bill_month m JOIN bill b ON b.import_id = m.import_id WHERE m.billing_month = $1 AND b.phone = $2', [filter.billingMonth, filter.phone]);
        const r = performance.now() - started;
        if (i >= 20) {
          apiLat.push(a);
          rawLat.push(r);
        }
      }
      const p99 = percentile(apiLat, 99);
      figures.push({ id: 'bills.lookup_p99_ms', title: `one number's bill for a month through GraphQL, ${(total / 1e6).toFixed(0)} M bill rows in force: p99`, value: p99, unit: 'ms', baseline: percentile(rawLat, 99), baselineLabel: 'the same SQL on raw pg, p99', ratio: percentile(rawLat, 50) / percentile(apiLat, 50), target: 'report (instant: p99 ≤ 30 ms)', met: p99 <= 30, date });
      notes.push(`bills.lookup: ${total} bill rows in force over ${options.lookupMonths} months (bill_month → bill primary key); ${options.lookups} random number+month lookups after 20 warm-up, sequential over HTTP: API p50 ${percentile(apiLat, 50).toFixed(2)} / p99 ${p99.toFixed(2)} ms, raw pg p50 ${percentile(rawLat, 50).toFixed(2)} / p99 ${percentile(rawLat, 99).toFixed(2)} ms; ratio = p50s.`);
    }
    return { figures, notes };
  } finally {
    await pool.end();
    await app.stop();
    unlinkSync(file);
  }
}
