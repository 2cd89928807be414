import { startOpenIOM } from '@openiom/api';
import os from 'node:os';
import pg from 'pg';
import { type Figure } from '../lib/harness.ts';
import { generateStaffDevices, type StaffDevice } from '../lib/location-data.ts';
import { demoGridBoxes } from '../../apps/api/src/integrations/geocoder/demo-area.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

/**
 * Runs the schedule: every device reports one fix every `periodMs`, devices spread evenly over the
 * period (1,000 devices every 10 s = one report every 10 ms). `send` performs one report; returns
 * each report's latency and how late the last one finished after its scheduled time.
 */
async function runSchedule(devices: StaffDevice[], periodMs: number, durationMs: number, send: (device: StaffDevice, at: Date) => Promise<boolean>) {
  const latencies: number[] = [];
  let accepted = 0;
  let offered = 0;
  let lateMs = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  const step = periodMs / devices.length;
  for (let n = 0; ; n++) {
    const due = start + n * step;
    if (due - start >= durationMs) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const device = devices[n % devices.length]!;
    // A few metres' drift each report, as a walking installer.
    device.latitude += (Math.random() - 0.5) * 0.0002;
    device.longitude += (Math.random() - 0.5) * 0.0002;
    offered++;
    const t0 = performance.now();
    inFlight.push(
      send(device, new Date()).catch(() => false).then((ok) => {
        const t1 = performance.now();
        latencies.push(t1 - t0);
        lateMs = Math.max(lateMs, t1 - due - periodMs);
        if (ok) accepted++;
      }),
    );
  }
  await Promise.all(inFlight);
  return { latencies, accepted, offered, elapsedMs: performance.now() - start, lateMs };
}

/**
 * Location ingestion: 1,000 installers' devices each reporting one fix every 10 s, sustained, through
 * `POST /locations` over HTTP (session auth, device check, per-fix rules, history insert, newest
 * position upsert, coalesced live event), after one unmeasured report per device (sessions read once). Baseline: the same statements for one report over raw
 * `pg` (device lookup, insert, upsert, device last-seen in one transaction) on the same schedule.
 * "Without lag" means every report is answered before the device's next one is due.
 */
export async function benchLocationIngest(databaseUrl: string, options: { staff: number; periodMs: number; durationMs: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, alarms: { enabled: false, scanMs: 3_600_000 } },
  });
  await app.services.locationSimulator.stop();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  try {
    const devices = await generateStaffDevices(client, options.staff, demoGridBoxes);
    const report = async (device: StaffDevice, at: Date) => {
      const response = await fetch(`${app.server.url}/locations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify({ deviceCode: device.deviceCode, fixes: [{ at: at.toISOString(), latitude: device.latitude, longitude: device.longitude, accuracy: 10 }] }),
      });
      const body = (await response.json()) as { accepted?: number };
      return response.status === 200 && body.accepted === 1;
    };
    // Warm-up, unmeasured: each device reports once (8 at a time), as devices already online would
    // have: the API has then read each session once (a login's first request builds its viewer).
    const queue = [...devices];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let device = queue.pop(); device; device = queue.pop()) await report(device, new Date()).catch(() => false);
    }));
    const api = await runSchedule(devices, options.periodMs, options.durationMs, report);
    const stored = await client.query<{ n: number; stale: number }>(
      `SELECT (SELECT count(*)::int FROM staff_location WHERE staff_id = ANY($1::int[])) AS n,
              (SELECT count(*)::int FROM staff_last_location WHERE staff_id = ANY($1::int[]) AND at < now() - interval '20 seconds') AS stale`,
      [devices.map((d) => d.staffId)],
    );
    const raw = await runSchedule(devices, options.periodMs, options.durationMs, async (device, at) => {
      const db = await pool.connect();
      try {
        await db.query('BEGIN');
        const found = await db.query('SELECT id, staff_id, active FROM location_device WHERE device_code = $1', [device.deviceCode]);
        const row = found.rows[0];
        await db.query('INSERT INTO staff_location (staff_id, device_id, at, latitude, longitude, accuracy, received_at) VALUES ($1, $2, $3, $4, $5, $6, now())', [row.staff_id, row.id, at, device.latitude, device.longitude, 10]);
        await db.query(
          `INSERT INTO staff_last_location (staff_id, at, latitude, longitude) VALUES ($1, $2, $3, $4)
           ON CONFLICT (staff_id) DO UPDATE SET at = excluded.at, latitude = excluded.latitude, longitude = excluded.longitude WHERE staff_last_location.at < excluded.at`,
          [row.staff_id, at, device.latitude, device.longitude],
        );
        await db.query('UPDATE location_device SET last_seen_at = now() WHERE id = $1', [row.id]);
        await db.query('COMMIT');
        return true;
      } finally {
        db.release();
      }
    });
    const rate = (run: typeof api) => (run.accepted / run.elapsedMs) * 1000;
    const offeredRate = (options.staff / options.periodMs) * 1000;
    const date = new Date().toISOString();
    const p99 = percentile(api.latencies, 0.99);
    const rawP99 = percentile(raw.latencies, 0.99);
    const noLag = api.accepted === api.offered && api.lateMs <= 0;
    return {
      figures: [
        {
          id: 'locations.ingest_fixes_per_s',
          title: `location reports stored per second, ${options.staff} devices each reporting every ${options.periodMs / 1000} s through POST /locations, ${options.durationMs / 1000} s sustained`,
          value: rate(api),
          unit: 'fixes/s',
          baseline: offeredRate,
          baselineLabel: 'the offered rate',
          ratio: rate(api) / offeredRate,
          target: 'every report stored and answered before the device’s next (no lag)',
          met: noLag,
          date,
        },
        {
          id: 'locations.ingest_p99_ms',
          title: 'p99 latency of one location report (POST /locations, 1 fix) under that load',
          value: p99,
          unit: 'ms',
          baseline: rawP99,
          baselineLabel: 'the same statements over raw pg, same schedule',
          ratio: rawP99 / p99,
          target: 'report (≤ the 10 s period)',
          met: p99 < options.periodMs,
          date,
        },
      ],
      notes: [
        `locations.ingest: 1-min load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end (other jobs share the machine); ${options.staff} generated installers in the 24 demo grids, each with its own session and device; one report of one fix every ${options.periodMs / 1000} s per device, spread evenly (${offeredRate.toFixed(0)} reports/s), ${options.durationMs / 1000} s, over HTTP on loopback to an API on the PostgreSQL server (location simulator, alarm scanner and CRM poller off). API: ${api.accepted}/${api.offered} accepted, p50 ${percentile(api.latencies, 0.5).toFixed(1)} / p99 ${p99.toFixed(1)} / max ${Math.max(...api.latencies).toFixed(1)} ms, latest answer ${api.lateMs > 0 ? `${api.lateMs.toFixed(0)} ms after the next report was due` : 'always before the next report was due'}; ${stored.rows[0]!.n} history rows stored, ${stored.rows[0]!.stale} staff with a newest position older than 20 s at the end. Raw pg (4 connections): ${raw.accepted}/${raw.offered}, p50 ${percentile(raw.latencies, 0.5).toFixed(1)} / p99 ${rawP99.toFixed(1)} ms.`,
      ],
    };
  } finally {
    await pool.end();
    await client.end();
    await app.stop();
  }
}
