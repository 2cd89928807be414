import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cpuSecondsOf, memoryOf, sleep, startApi } from '../lib/api-process.ts';
import { median, type Figure } from '../lib/harness.ts';

/**
 * What each connection subscribes to: the SPA's live queues (apps/web work-order-changed-subscription.ts)
 * and the dispatch map's staff positions (dispatch-map-documents.ts, MapStaffFields).
 */
const subscriptions = [
  'subscription { workOrderChanged { state workOrder { id } } }',
  'subscription { staffLocationsChanged { staffId staffNo name phone organisationCode at latitude longitude inProgress } }',
];
const workerFile = fileURLToPath(new URL('./fanout/subscribers.worker.ts', import.meta.url));
const rawServerFile = fileURLToPath(new URL('./fanout/raw-broadcast-server.ts', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

/** A work-order change, or a staff member's new position (each goes to every subscriber). */
type FanoutEvent = { kind: 'workOrder'; workOrderId: number; orderId: number; state: string } | { kind: 'location'; staffId: number };

/** The key the load client records an event's receipts under (subscribers.worker.ts `keyOf`). */
const keyOf = (event: FanoutEvent) => (event.kind === 'workOrder' ? `w${event.workOrderId}` : `l${event.staffId}`);

type Samples = { workOrder?: string; location?: string };

/** The load client: `threads` worker threads holding `subscribers` connections between them. */
class LoadClient {
  private readonly counters: Int32Array;
  private readonly workers: Worker[];
  /** A thread that died: every wait fails with it. */
  private failure: Error | null = null;

  constructor(mode: 'graphql' | 'raw', url: string, tokens: string[], subscribers: number, threads: number) {
    const shared = new SharedArrayBuffer(4 * threads);
    this.counters = new Int32Array(shared);
    this.workers = Array.from({ length: threads }, (_, index) => {
      const connections = Math.floor(subscribers / threads) + (index < subscribers % threads ? 1 : 0);
      // Worker threads do not take `--import tsx` from execArgv: the thread registers tsx itself, then loads the TypeScript file.
      const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(workerFile).href)}); })`;
      // A session's connections come from one client, as a user's browser tabs do: each thread holds
      // whole sessions (all of them when there are fewer sessions than threads).
      const own = tokens.length >= threads ? tokens.filter((_, k) => k % threads === index) : tokens;
      const worker = new Worker(bootstrap, { eval: true, workerData: { mode, url, tokens: own, connections, queries: subscriptions, received: shared, index } });
      worker.on('error', (error) => (this.failure = error));
      return worker;
    });
  }

  private ask<T>(worker: Worker, message: object, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      worker.once('error', reject);
      const onMessage = (reply: { type: string; message?: string }) => {
        if (reply.type === 'error') reject(new Error(reply.message));
        else if (reply.type === answer) resolve(reply as T);
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.postMessage(message);
    });
  }

  async connect(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'connect' }, 'connected')));
  }

  received(): number {
    let sum = 0;
    for (let i = 0; i < this.counters.length; i++) sum += Atomics.load(this.counters, i);
    return sum;
  }

  /** Waits until `total` frames have arrived in all, or `timeoutMs` passed; resolves with the count. */
  async waitFor(total: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.received() < total && Date.now() < deadline) {
      if (this.failure) throw this.failure;
      await sleep(2);
    }
    return this.received();
  }

  /** Receive times per event key (`keyOf`) and the first frame of each kind, from every thread (and forgets the times). */
  async report(): Promise<{ receipts: Map<string, number[]>; samples: Samples }> {
    const receipts = new Map<string, number[]>();
    const samples: Samples = {};
    for (const worker of this.workers) {
      const reply = await this.ask<{ receipts: [string, number[]][]; samples: Samples }>(worker, { type: 'report' }, 'report');
      samples.workOrder ??= reply.samples.workOrder;
      samples.location ??= reply.samples.location;
      for (const [key, times] of reply.receipts) receipts.set(key, [...(receipts.get(key) ?? []), ...times]);
    }
    return { receipts, samples };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'close' }, 'closed').catch(() => undefined)));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Latencies (ms) of every receipt of every event against the event's publish time. */
/** The events fewer than `subscribers` received, each with how many did ("key: receipts"). */
function undelivered(events: FanoutEvent[], receipts: Map<string, number[]>, subscribers: number): string[] {
  return events.filter((event) => (receipts.get(keyOf(event))?.length ?? 0) < subscribers).map((event) => `${keyOf(event)}: ${receipts.get(keyOf(event))?.length ?? 0}`);
}

function latencies(publishedAt: Map<string, number>, receipts: Map<string, number[]>): number[] {
  const all: number[] = [];
  for (const [key, times] of receipts) {
    const sent = publishedAt.get(key);
    if (sent === undefined) continue;
    for (const at of times) all.push(at - sent);
  }
  return all.sort((a, b) => a - b);
}

/**
 * W3: subscription fan-out. `subscribers` graphql-ws connections, each subscribed to
 * `workOrderChanged` (the live queues) and `staffLocationsChanged` (the dispatch map) as the SPA
 * sends them, held by a load client of worker threads against the API running as its own process
 * with Redis pub/sub; events are published to Redis as another API instance's outbox relay (work
 * orders) or location ingestion (positions) would. Two phases, each also run against a bare `ws`
 * broadcast server (its own process) sending the API's own frame texts to the same number of sockets:
 * - latency: one work-order event and one location event a second, each to every subscriber;
 *   p99 publish → receive over both kinds;
 * - throughput: `burst` events of each kind back to back, interleaved; frames delivered per second
 *   until the last arrives.
 * And the API's RSS per connection (RSS with every subscriber connected − idle RSS, over subscribers).
 */
export async function benchSubscriptionFanout(
  databaseUrl: string,
  options: { subscribers: number; threads: number; sessions: number; latencyEvents: number; burst: number; rounds: number },
): Promise<{ figures: Figure[]; notes: string[] }> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) return { figures: [], notes: ['w3: skipped — REDIS_URL is not set (the fan-out is measured across instances, through Redis)'] };
  const prefix = `openiom-bench-${process.pid}:`;
  const api = await startApi(databaseUrl, { REDIS_URL: redisUrl, OPENIOM_REDIS_PREFIX: prefix });
  const redis = new Redis(redisUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const clients: LoadClient[] = [];
  try {
    const perKind = options.latencyEvents + options.burst * options.rounds + 1;
    const workOrders = (
      await pool.query<{ workOrderId: number; orderId: number; state: string }>(
        `SELECT id AS "workOrderId", order_id AS "orderId", state::text AS state FROM work_order ORDER BY id LIMIT $1`,
        [perKind],
      )
    ).rows;
    if (workOrders.length < perKind) throw new Error('w3: not enough work orders in the database');
    // Staff on the map: a last position for as many active staff of the manager's city as there are
    // location events (each event names a different staff member, so its receipts are told apart).
    const located = (
      await pool.query<{ staffId: number }>(
        `INSERT INTO staff_last_location (staff_id, at, latitude, longitude)
         SELECT s.id, now(), 23.12 + random() * 0.05, 113.32 + random() * 0.05
         FROM staff s JOIN organisation o ON o.id = s.organisation_id JOIN organisation city ON city.code = 'GZ'
         WHERE s.active AND o.path LIKE city.path || '%' ORDER BY s.id LIMIT $1
         ON CONFLICT (staff_id) DO UPDATE SET at = excluded.at
         RETURNING staff_id AS "staffId"`,
        [perKind],
      )
    ).rows.sort((a, b) => a.staffId - b.staffId);
    if (located.length < perKind) throw new Error('w3: not enough active staff in the city');
    // Work-order and location events in turn.
    const events: FanoutEvent[] = workOrders.flatMap((workOrder, i) => [{ kind: 'workOrder' as const, ...workOrder }, { kind: 'location' as const, staffId: located[i].staffId }]);
    const tokens: string[] = [];
    for (let i = 0; i < options.sessions; i++) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { token } }', variables: { input: { loginName: 'manager', password: 'openiom123' } } }),
      });
      const token = ((await response.json()) as { data?: { login?: { token?: string } } }).data?.login?.token;
      if (!token) throw new Error('w3: login as manager failed');
      tokens.push(token);
    }
    await sleep(2000);
    const idleRss = memoryOf(api.pid).rss;

    const publish = async (event: FanoutEvent) => {
      const at = now();
      if (event.kind === 'workOrder') {
        await redis.publish(`${prefix}work-order.changed`, JSON.stringify({ workOrderId: event.workOrderId, orderId: event.orderId, state: event.state }));
      } else {
        await redis.publish(`${prefix}staff.locations-changed`, JSON.stringify({ staffIds: [event.staffId] }));
      }
      return at;
    };

    // ── The API ──
    const gql = new LoadClient('graphql', `${api.url.replace('http', 'ws')}/graphql`, tokens, options.subscribers, options.threads);
    clients.push(gql);
    const connectStart = Date.now();
    await gql.connect();
    const connectMs = Date.now() - connectStart;
    // Every subscription is live once a first event of each kind reaches every subscriber.
    let warm = 0;
    for (let attempt = 0; attempt < 20 && warm < 2 * options.subscribers; attempt++) {
      const before = gql.received();
      await publish(events[0]);
      await publish(events[1]);
      warm = (await gql.waitFor(before + 2 * options.subscribers, 3000)) - before;
    }
    if (warm < 2 * options.subscribers) throw new Error(`w3: only ${warm} of ${2 * options.subscribers} subscriptions receive events`);
    const { samples } = await gql.report();
    if (!samples.workOrder || !samples.location) throw new Error('w3: no frame of each kind captured');
    await sleep(1000);
    const connectedRss = memoryOf(api.pid).rss;

    // Server and load-client CPU over the bursts, per frame delivered: where the cores go.
    const cpuPerFrame = (serverPid: number) => {
      const server = cpuSecondsOf(serverPid);
      const client = process.cpuUsage();
      return (frames: number) => ({
        serverUs: ((cpuSecondsOf(serverPid) - server) * 1e6) / frames,
        clientUs: (process.cpuUsage(client).user + process.cpuUsage(client).system) / frames,
      });
    };

    const runPhases = async (client: LoadClient, serverPid: number, send: (batch: FanoutEvent[], gapMs: number) => Promise<number[]>) => {
      let expected = client.received();
      // After the warm-up pair: `latencyEvents` pairs half a second apart (one event of each kind a second).
      const latencyEvents = events.slice(2, 2 + 2 * options.latencyEvents);
      const publishedAt = new Map<string, number>();
      const sentAt = await send(latencyEvents, 500);
      latencyEvents.forEach((event, i) => publishedAt.set(keyOf(event), sentAt[i]));
      expected += latencyEvents.length * options.subscribers;
      const got = await client.waitFor(expected, 10_000);
      const lost = expected - got;
      const latencyReceipts = (await client.report()).receipts;
      const sorted = latencies(publishedAt, latencyReceipts);
      /** Latency-phase events that did not reach every subscriber within 10 s (none expected). */
      const late = undelivered(latencyEvents, latencyReceipts, options.subscribers);
      const framesPerSecond: number[] = [];
      /** Burst events that did not reach every subscriber in time (none expected). */
      const missing: string[] = [];
      const cpu = cpuPerFrame(serverPid);
      let burstFrames = 0;
      for (let round = 0; round < options.rounds; round++) {
        const first = 2 + 2 * options.latencyEvents + round * 2 * options.burst;
        const burst = events.slice(first, first + 2 * options.burst);
        const start = client.received();
        const t0 = now();
        await send(burst, 0);
        const arrived = (await client.waitFor(start + burst.length * options.subscribers, 60_000)) - start;
        framesPerSecond.push(arrived / ((now() - t0) / 1000));
        burstFrames += arrived;
        const { receipts } = await client.report();
        const short = undelivered(burst, receipts, options.subscribers);
        if (short.length > 0) missing.push(`round ${round + 1} ${short.join(', ')}`);
        await sleep(500);
      }
      const { serverUs, clientUs } = cpu(burstFrames);
      return { late, missing, serverUs, clientUs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length, lost, framesPerSecond: median(framesPerSecond), rounds: framesPerSecond };
    };

    const apiResult = await runPhases(gql, api.pid, async (batch, gapMs) => {
      const sentAt: number[] = [];
      for (const event of batch) {
        sentAt.push(await publish(event));
        if (gapMs > 0) await sleep(gapMs);
      }
      return sentAt;
    });
    const peakRss = memoryOf(api.pid).hwm;
    await gql.close();
    clients.pop();

    // ── The raw ws baseline ──
    const raw = fork(rawServerFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      const port = await new Promise<number>((resolve) => raw.once('message', (message: { port: number }) => resolve(message.port)));
      const rawClient = new LoadClient('raw', `ws://127.0.0.1:${port}`, [], options.subscribers, options.threads);
      clients.push(rawClient);
      await rawClient.connect();
      // The API's own frame of the event's kind, naming the event's work order or staff member.
      const frameFor = (event: FanoutEvent) => {
        if (event.kind === 'workOrder') {
          const frame = JSON.parse(samples.workOrder!) as { payload: { data: { workOrderChanged: { state: string; workOrder: { id: string } } } } };
          frame.payload.data.workOrderChanged.state = event.state;
          frame.payload.data.workOrderChanged.workOrder.id = String(event.workOrderId);
          return JSON.stringify(frame);
        }
        const frame = JSON.parse(samples.location!) as { payload: { data: { staffLocationsChanged: { staffId: string }[] } } };
        frame.payload.data.staffLocationsChanged[0].staffId = String(event.staffId);
        return JSON.stringify(frame);
      };
      const rawResult = await runPhases(
        rawClient,
        raw.pid!,
        (batch, gapMs) =>
          new Promise((resolve) => {
            raw.once('message', (message: { sentAt: number[] }) => resolve(message.sentAt));
            raw.send({ frames: batch.map(frameFor), gapMs });
          }),
      );
      await rawClient.close();
      clients.pop();

      const date = new Date().toISOString();
      const perConnectionKb = ((connectedRss - idleRss) * 1024) / options.subscribers;
      const figures: Figure[] = [
        { id: 'w3.fanout_p99_ms', title: `publish → receive p99, ${options.subscribers} graphql-ws subscribers (${options.threads} load threads), one work-order and one location event a second to each, through Redis`, value: apiResult.p99, unit: 'ms', baseline: rawResult.p99, baselineLabel: 'bare ws broadcast of the same frame to as many sockets', ratio: rawResult.p99 / apiResult.p99, target: '≤ 100 ms', met: apiResult.p99 <= 100 && apiResult.lost === 0, date },
        { id: 'w3.fanout_frames_per_s', title: `frames delivered per second, ${options.burst} work-order and ${options.burst} location events back to back to ${options.subscribers} subscribers (median of ${options.rounds})`, value: apiResult.framesPerSecond, unit: 'frames/s', baseline: rawResult.framesPerSecond, baselineLabel: 'bare ws broadcast of the same frames', ratio: apiResult.framesPerSecond / rawResult.framesPerSecond, target: '≥ 0.5× the bare broadcast', met: apiResult.framesPerSecond / rawResult.framesPerSecond >= 0.5, date },
        { id: 'w3.rss_per_connection_kb', title: `API RSS per subscribed connection ((RSS with ${options.subscribers} connected − idle) / ${options.subscribers})`, value: perConnectionKb, unit: 'KiB', baseline: idleRss, baselineLabel: 'idle API RSS in MiB, for scale', ratio: 1, target: 'report', met: true, date },
      ];
      const notes = [
        `w3: ${options.subscribers} subscribers over ${options.sessions} sessions of the manager login, ${options.threads} load-client threads; connecting them took ${(connectMs / 1000).toFixed(1)} s. Each connection holds the work-order and the staff-location subscriptions. Latency phase: ${options.latencyEvents} s of one event of each kind a second → API p50 ${apiResult.p50.toFixed(1)} ms, p99 ${apiResult.p99.toFixed(1)} ms over ${apiResult.samples} receipts (${apiResult.lost} lost); bare ws p50 ${rawResult.p50.toFixed(1)} ms, p99 ${rawResult.p99.toFixed(1)} ms (${rawResult.lost} lost). Burst phase: API ${apiResult.rounds.map((f) => f.toFixed(0)).join(', ')} frames/s, bare ws ${rawResult.rounds.map((f) => f.toFixed(0)).join(', ')} frames/s; CPU per frame delivered during the bursts (the pauses between rounds included): API ${apiResult.serverUs.toFixed(1)} µs and its load client ${apiResult.clientUs.toFixed(1)} µs, bare server ${rawResult.serverUs.toFixed(1)} µs and its load client ${rawResult.clientUs.toFixed(1)} µs.${apiResult.late.length > 0 ? ` Latency-phase events the API had not delivered to every subscriber within 10 s (receipts): ${apiResult.late.join(', ')}.` : ''}${apiResult.missing.length > 0 ? ` Burst events the API had not delivered to every subscriber within 60 s: ${apiResult.missing.join('; ')}.` : ''} API RSS idle ${idleRss.toFixed(0)} MiB, ${connectedRss.toFixed(0)} MiB with every subscriber connected, peak ${peakRss.toFixed(0)} MiB. The load client, the API, Redis, PostgreSQL and the bare server share the machine's cores.`,
      ];
      return { figures, notes };
    } finally {
      raw.disconnect();
    }
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    redis.disconnect();
    await pool.end();
    await api.stop();
  }
}
