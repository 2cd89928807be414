import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, statSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { memoryOf, serveScript, sleep, startApi } from '../lib/api-process.ts';
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
 * split → validate → COPY → month switch) of an API running as its own process, against `psql
 * \copy` of the same file into a table like `bill` (same primary key), alternating, in the same
 * run. The API's memory is read from /proc/<pid>/status: VmRSS sampled every 20 ms and VmHWM
 * (its peak, reset before each import through /proc/<pid>/clear_refs). Then the by-number-and-month
 * lookup through GraphQL with `lookupMonths` × lines bill rows in force, against the same SQL on raw pg.
 */
export async function benchBillImport(databaseUrl: string, options: { lines: number; rounds: number; lookupMonths: number; lookups: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const file = path.join(os.tmpdir(), `openiom-bills-${process.pid}.txt`);
  await writeBillFile(file, options.lines);
  const bytes = statSync(file).size;
  const api = await startApi(databaseUrl);
  const pid = api.pid;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return ((await response.json()) as { data: any }).data;
    };
    const token = (await gql('mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { loginName: 'billing-senior', password: 'openiom123' } })).login.token as string;
    const formatId = (await pool.query(`SELECT id FROM bill_format WHERE code = 'SPACE'`)).rows[0].id as number;
    await pool.query(`UPDATE bill_format SET encoding = 'UTF-8' WHERE id = $1`, [formatId]);

    const canResetPeak = (() => {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    })();
    // Its own connection per upload (no keep-alive socket the server may close between rounds).
    const upload = (month: string) =>
      new Promise<{ ms: number; peakRss: number; result: any }>((resolve, reject) => {
        if (canResetPeak) writeFileSync(`/proc/${pid}/clear_refs`, '5');
        let peakRss = memoryOf(pid).rss;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(pid).rss)), 20);
        const started = performance.now();
        const request = http.request(`${api.url}/billing/imports?month=${month}&format=${formatId}&name=bench.txt`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-length': String(bytes) } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (part: string) => (body += part));
          response.on('end', () => {
            const ms = performance.now() - started;
            clearInterval(sampler);
            const memory = memoryOf(pid);
            resolve({ ms, peakRss: Math.max(peakRss, memory.rss, canResetPeak ? memory.hwm : 0), result: JSON.parse(body) });
          });
        });
        request.on('error', (error) => {
          clearInterval(sampler);
          reject(error);
        });
        createReadStream(file).pipe(request);
      });
    /** Waits until the rows of the import the last one replaced are removed (housekeeping after the answer). */
    const replacedRowsGone = async (importId: number | null) => {
      const started = performance.now();
      while (importId !== null && (await pool.query('SELECT EXISTS (SELECT 1 FROM bill WHERE import_id = $1) AS present', [importId])).rows[0].present) await sleep(50);
      return performance.now() - started;
    };
    // The baseline loads the same file into the bill table itself, under an id no import has, so
    // both sides meet the same table and index (the month in force, what earlier rounds left).
    let baselineId = 0;
    const copy = async () => {
      baselineId--;
      await pool.query(`ALTER TABLE bill ALTER import_id SET DEFAULT ${baselineId}`);
      const started = performance.now();
      execFileSync('psql', [databaseUrl, '-q', '-c', `\\copy bill (phone, amount) FROM '${file}' WITH (DELIMITER ' ')`]);
      const ms = performance.now() - started;
      await pool.query('DELETE FROM bill WHERE import_id = $1', [baselineId]);
      await pool.query('ALTER TABLE bill ALTER import_id DROP DEFAULT');
      await pool.query('VACUUM bill');
      return ms;
    };

    const idle = memoryOf(pid).rss;
    const apiMs: number[] = [];
    const copyMs: number[] = [];
    const rss: number[] = [];
    const growth: number[] = [];
    const housekeepingMs: number[] = [];
    let previous: number | null = null;
    for (let round = 0; round < options.rounds; round++) {
      const importRound = async () => {
        const { ms, peakRss, result } = await upload('2030-01');
        if (result.import?.state !== 'SUCCEEDED' || result.import.loadedLines !== options.lines) throw new Error(`bill import did not load every line: ${JSON.stringify(result).slice(0, 300)}`);
        apiMs.push(ms);
        rss.push(peakRss);
        growth.push(peakRss - idle);
        housekeepingMs.push(await replacedRowsGone(previous));
        previous = Number(result.import.id);
        // What autovacuum would do after the housekeeping's delete; the baseline's delete gets the same.
        await pool.query('VACUUM bill');
      };
      // Alternating which goes first, so drift on the shared machine hits both alike.
      if (round % 2 === 0) {
        await importRound();
        copyMs.push(await copy());
      } else {
        copyMs.push(await copy());
        await importRound();
      }
    }
    const apiMedian = median(apiMs);
    const copyMedian = median(copyMs);
    const rssMedian = median(rss);
    const date = new Date().toISOString();
    const figures: Figure[] = [
      { id: 'bills.import_s', title: `bill file import end to end: ${(options.lines / 1e6).toFixed(1)} M lines upload → parse → validate → COPY → month switch (median of ${options.rounds})`, value: apiMedian / 1000, unit: 's', baseline: copyMedian / 1000, baselineLabel: 'psql \\copy of the same file into the bill table (median)', ratio: copyMedian / apiMedian, target: '≤ 10 s and ≥ 0.5× the copy rate', met: apiMedian <= 10_000 && copyMedian / apiMedian >= 0.5, date },
      { id: 'bills.import_peak_rss_mb', title: `peak RSS of the API process (its own process) during the import (median of ${options.rounds})`, value: rssMedian, unit: 'MB', baseline: idle, baselineLabel: 'the same process idle before the first import', ratio: 300 / rssMedian, target: '≤ 300 MB', met: Math.max(...rss) <= 300, date },
      { id: 'bills.import_rss_growth_mb', title: `what importing adds to the API's RSS: peak during an import − RSS idle before the first (worst of ${options.rounds})`, value: Math.max(...growth), unit: 'MB', baseline: bytes / 2 ** 20, baselineLabel: 'the size of the file', ratio: bytes / 2 ** 20 / Math.max(...growth), target: '≤ 100 MB (the file is never held; the duplicate check keeps 12–24 B a number)', met: Math.max(...growth) <= 100, date },
    ];
    const notes = [
      `bills: ${options.lines} lines (${(bytes / 2 ** 20).toFixed(1)} MiB) per import, ${options.rounds} rounds re-importing the same month (each replaces the previous import), API and psql \\copy (of the same file into the bill table itself, then deleted) alternating which goes first, VACUUM bill after each side's delete (untimed, as autovacuum would); API ${apiMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s (${(options.lines / (apiMedian / 1000) / 1000).toFixed(0)} k lines/s), psql \\copy ${copyMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s (${(options.lines / (copyMedian / 1000) / 1000).toFixed(0)} k lines/s). The API runs as its own process, as npm start runs it (${serveScript()}); its peak RSS per import ${rss.map((mb) => mb.toFixed(0)).join(', ')} MB, i.e. ${growth.map((mb) => mb.toFixed(0)).join(', ')} MB over the idle RSS before the first (VmRSS sampled every 20 ms${canResetPeak ? ' and VmHWM reset before each import' : ''}), ${idle.toFixed(0)} MB idle before the first. The replaced import's rows are removed after the answer (housekeeping): ${housekeepingMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s more, not counted above.`,
    ];

    if (options.lookupMonths > 0) {
      // Fills months so that lookupMonths × lines rows are in force (the file's month is one of them).
      const filling = performance.now();
      for (let m = 2; m <= options.lookupMonths; m++) {
        const month = `2030-${String(m).padStart(2, '0')}`;
        const { rows } = await pool.query(`INSERT INTO bill_import (billing_month, format_id, file_name, state, total_lines, loaded_lines, finished_at) VALUES ($1, $2, 'generated', 'SUCCEEDED', $3, $3, now()) RETURNING id`, [month, formatId, options.lines]);
        await pool.query(`INSERT INTO bill (import_id, phone, amount) SELECT $1, '1' || (3000000000 + i)::text, (i % 50000) / 100.0 FROM generate_series(0, $2 - 1) AS i`, [rows[0].id, options.lines]);
        await pool.query('INSERT INTO bill_month (billing_month, import_id) VALUES ($1, $2)', [month, rows[0].id]);
      }
      await pool.query('VACUUM ANALYZE bill');
      await pool.query('ANALYZE bill_month');
      const fillS = (performance.now() - filling) / 1000;
      const total = Number((await pool.query('SELECT count(*) AS n FROM bill b JOIN bill_month m ON m.import_id = b.import_id')).rows[0].n);
      const SQL = 'SELECT m.billing_month, b.phone, b.amount FROM bill_month m JOIN bill b ON b.import_id = m.import_id WHERE m.billing_month = $1 AND b.phone = $2';
      const plan = (await pool.query(`EXPLAIN (COSTS OFF) ${SQL.replace('$1', `'2030-05'`).replace('$2', `'13000000123'`)}`)).rows.map((row) => row['QUERY PLAN'].trim()).join('; ');
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
        await pool.query(SQL, [filter.billingMonth, filter.phone]);
        const r = performance.now() - started;
        if (i >= 20) {
          apiLat.push(a);
          rawLat.push(r);
        }
      }
      const p50 = percentile(apiLat, 50);
      const p99 = percentile(apiLat, 99);
      figures.push(
        { id: 'bills.lookup_p50_ms', title: `one number's bill for a month through GraphQL over HTTP, ${(total / 1e6).toFixed(0)} M bill rows in force: p50`, value: p50, unit: 'ms', baseline: percentile(rawLat, 50), baselineLabel: 'the same SQL on raw pg, p50', ratio: percentile(rawLat, 50) / p50, target: 'report (instant: ≤ 10 ms)', met: p50 <= 10, date },
        { id: 'bills.lookup_p99_ms', title: `one number's bill for a month through GraphQL over HTTP, ${(total / 1e6).toFixed(0)} M bill rows in force: p99`, value: p99, unit: 'ms', baseline: percentile(rawLat, 99), baselineLabel: 'the same SQL on raw pg, p99', ratio: percentile(rawLat, 99) / p99, target: 'report (instant: ≤ 30 ms)', met: p99 <= 30, date },
      );
      notes.push(`bills.lookup: ${total} bill rows in force over ${options.lookupMonths} months (${(fillS).toFixed(0)} s to generate); plan: ${plan}. ${options.lookups} random number+month lookups after 20 warm-up, sequential: API p50 ${p50.toFixed(2)} / p99 ${p99.toFixed(2)} ms, raw pg p50 ${percentile(rawLat, 50).toFixed(2)} / p99 ${percentile(rawLat, 99).toFixed(2)} ms.`);
    }
    return { figures, notes };
  } finally {
    await pool.end();
    await api.stop();
    unlinkSync(file);
  }
}
