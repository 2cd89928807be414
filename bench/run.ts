import pg from 'pg';
import { recordFigures, type Figure } from './lib/harness.ts';
import { benchAlarmScan } from './workloads/alarm-scan.ts';
import { benchArrearsSuspension } from './workloads/arrears-suspension.ts';
import { benchOrderFlow } from './workloads/order-flow.ts';
import { benchStaffPage } from './workloads/staff-page.ts';
import { benchWorkOrderQuery } from './workloads/work-order-query.ts';
import { benchQueueFirstRows } from './workloads/queue-first-rows.ts';
import { prepareWorkOrderDatabase } from './lib/work-order-data.ts';
import { benchBillImport } from './workloads/bill-import.ts';
import { benchSubscriptionFanout } from './workloads/subscription-fanout.ts';
import { benchLocationIngest } from './workloads/location-ingest.ts';
import { benchDispatchMapRender } from './workloads/dispatch-map-render.ts';

/**
 * Runs every benchmark on a throwaway database of the DATABASE_URL server and records the figures
 * (bench/results.json, bench/RESULTS.md). `BENCH_QUICK=1` shortens the rounds (smoke check);
 * `BENCH_ONLY=w1` (or `w1,w4`) runs those workloads; the others' recorded figures stay as they were.
 * `BENCH_W5_WORK_ORDERS` sets how many work orders w5 and w6 generate (default 1 000 000, quick
 * 20 000); w6 needs the built SPA (`pnpm run build`) and Chromium at /usr/bin/chromium.
 */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Benchmarks compare against raw pg: set DATABASE_URL to a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres).');
  process.exit(1);
}
process.env.OPENIOM_LOG_LEVEL ??= 'silent';
const quick = process.env.BENCH_QUICK === '1';
/** `BENCH_ONLY=w1,w4` runs only those workloads (their figures replace the recorded ones). */
const only = process.env.BENCH_ONLY;
const selected = (workload: string) => !only || only.split(',').includes(workload);
const name = `openiom_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

const figures: Figure[] = [];
const notes: string[] = [];
try {
  if (selected('w2')) {
    console.log('w2.staff_page');
    const staff = await benchStaffPage(url.toString(), quick ? { rounds: 1, durationMs: 1000, concurrency: 4 } : { rounds: 5, durationMs: 5000, concurrency: 4 });
    figures.push(...staff.figures);
    notes.push(...staff.notes);
  }
  if (selected('w1')) {
    console.log('w1.orders_per_s');
    const flow = await benchOrderFlow(url.toString(), quick ? { orders: 20, rounds: 1, concurrency: 4, warmup: 10 } : { orders: 150, rounds: 9, concurrency: 4, warmup: 200 });
    figures.push(...flow.figures);
    notes.push(...flow.notes);
  }
  if (selected('w5') || selected('w6')) {
    // Their own database: 10⁶ generated work orders must not slow down the other workloads.
    const workOrders = Number(process.env.BENCH_W5_WORK_ORDERS ?? (quick ? 20_000 : 1_000_000));
    if (!Number.isInteger(workOrders) || workOrders < 1000) throw new Error(`BENCH_W5_WORK_ORDERS: a whole number ≥ 1000 expected, got ${process.env.BENCH_W5_WORK_ORDERS}`);
    await admin.query(`CREATE DATABASE ${name}_w5`);
    const w5Url = new URL(url);
    w5Url.pathname = `/${name}_w5`;
    const generated = await prepareWorkOrderDatabase(w5Url.toString(), workOrders);
    console.log(`generated ${generated.workOrders} work orders (${generated.orders} orders) in ${(generated.ms / 1000).toFixed(0)} s`);
    if (selected('w5')) {
      console.log('w5.work_order_query');
      const query = await benchWorkOrderQuery(w5Url.toString(), { generated, runs: quick ? 10 : 200 });
      figures.push(...query.figures);
      notes.push(...query.notes);
    }
    if (selected('w6')) {
      console.log('w6.queue_first_rows');
      const queue = await benchQueueFirstRows(w5Url.toString(), { runs: quick ? 2 : 9 });
      figures.push(...queue.figures);
      notes.push(...queue.notes);
    }
  }
  if (selected('bills')) {
    // Its own database (seeded demo data: the SPACE format and the billing logins).
    console.log('bills.import');
    await admin.query(`CREATE DATABASE ${name}_bills`);
    const billsUrl = new URL(url);
    billsUrl.pathname = `/${name}_bills`;
    const lines = Number(process.env.BENCH_BILL_LINES ?? (quick ? 50_000 : 1_000_000));
    const bills = await benchBillImport(billsUrl.toString(), quick ? { lines, rounds: 1, lookupMonths: 2, lookups: 50 } : { lines, rounds: Number(process.env.BENCH_BILL_ROUNDS ?? 5), lookupMonths: Number(process.env.BENCH_BILL_MONTHS ?? 10), lookups: 1000 });
    figures.push(...bills.figures);
    notes.push(...bills.notes);
  }
  if (selected('arrears')) {
    console.log('w5.arrears (suspensions of numbers in arrears)');
    await admin.query(`CREATE DATABASE ${name}_arrears`);
    const arrearsUrl = new URL(url);
    arrearsUrl.pathname = `/${name}_arrears`;
    const arrears = await benchArrearsSuspension(arrearsUrl.toString(), quick ? { arrears: 5_000, rounds: 1 } : { arrears: 100_000, rounds: 3 });
    figures.push(...arrears.figures);
    notes.push(...arrears.notes);
  }
  if (selected('w3')) {
    // Its own database: demo data (the manager login) and 1 000 generated work orders to name in events.
    console.log('w3.subscription_fanout');
    await admin.query(`CREATE DATABASE ${name}_w3`);
    const w3Url = new URL(url);
    w3Url.pathname = `/${name}_w3`;
    await prepareWorkOrderDatabase(w3Url.toString(), 1000);
    const subscribers = Number(process.env.BENCH_W3_SUBSCRIBERS ?? (quick ? 200 : 2000));
    const fanout = await benchSubscriptionFanout(w3Url.toString(), quick ? { subscribers, threads: 2, sessions: 4, latencyEvents: 5, burst: 5, rounds: 1 } : { subscribers, threads: 4, sessions: Number(process.env.BENCH_W3_SESSIONS ?? 20), latencyEvents: 30, burst: 20, rounds: 3 });
    figures.push(...fanout.figures);
    notes.push(...fanout.notes);
  }
  if (selected('w4')) {
    console.log('w4.alarm_scan');
    const alarms = await benchAlarmScan(url.toString(), quick ? { openWorkOrders: 50_000, burst: 100, stressBurst: 500, rounds: 2, lagRows: 200 } : { openWorkOrders: 1_000_000, burst: 100, stressBurst: 1000, rounds: 5, lagRows: 2000 });
    figures.push(...alarms.figures);
    notes.push(...alarms.notes);
  }
  if (selected('locations')) {
    console.log('locations.ingest');
    await admin.query(`CREATE DATABASE ${name}_locations`);
    const locationsUrl = new URL(url);
    locationsUrl.pathname = `/${name}_locations`;
    const ingest = await benchLocationIngest(locationsUrl.toString(), quick ? { staff: 1000, periodMs: 10_000, durationMs: 12_000 } : { staff: 1000, periodMs: 10_000, durationMs: 60_000 });
    figures.push(...ingest.figures);
    notes.push(...ingest.notes);
  }
  if (selected('map')) {
    console.log('map.render');
    await admin.query(`CREATE DATABASE ${name}_map`);
    const mapUrl = new URL(url);
    mapUrl.pathname = `/${name}_map`;
    const map = await benchDispatchMapRender(mapUrl.toString(), { workOrders: 10_000, staff: 1000, runs: quick ? 2 : Number(process.env.BENCH_MAP_RUNS ?? 7) });
    figures.push(...map.figures);
    notes.push(...map.notes);
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_locations WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_map WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_w5 WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_bills WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_arrears WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}_w3 WITH (FORCE)`);
  await admin.end();
}

for (const note of quick ? notes : []) console.log(note);
for (const figure of figures) console.log(`${figure.id}: ${figure.value.toFixed(1)} ${figure.unit} vs baseline ${figure.baseline.toFixed(1)} → ${figure.ratio.toFixed(2)}× (target ${figure.target}: ${figure.met ? 'met' : 'NOT met'})`);
if (!quick) recordFigures(figures, notes);
