import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cpuSecondsOf, memoryOf, sleep, startApi } from '../lib/api-process.ts';
import { median, type Figure } from '../lib/harness.ts';

/** What the SPA's live queues subscribe to (apps/web work-order-changed-subscription.ts). */
const subscription = 'subscription { workOrderChanged { state workOrder { id } } }';
const workerFile = fileURLToPath(new URL('./fanout/subscribers.worker.ts', import.meta.url));
const rawServerFile = fileURLToPath(new URL('./fanout/raw-broadcast-server.ts', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

interface WorkOrderEvent {
  workOrderId: number;
  orderId: number;
  state: string;
}

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
      const worker = new Worker(bootstrap, { eval: true, workerData: { mode, url, tokens: own, connections, query: subscription, received: shared, index } });
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

  /** Receive times per work-order id, from every thread (and forgets them). */
  async report(): Promise<{ receipts: Map<string, number[]>; sample: string | null }> {
    const receipts = new Map<string, number[]>();
    let sample: string | null = null;
    for (const worker of this.workers) {
      const reply = await this.ask<{ receipts: [string, number[]][]; sample: string | null }>(worker, { type: 'report' }, 'report');
      sample ??= reply.sample;
      for (const [key, times] of reply.receipts) receipts.set(key, [...(receipts.get(key) ?? []), ...times]);
    }
    return { receipts, sample };
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
 * W3: subscription fan-out. `subscribers` graphql-ws subscriptions to `workOrderChanged` (the live
 * queues' subscription, as the SPA sends it) held by a load client of worker threads against the API
 * running as its own process with Redis pub/sub; events are published to Redis as another API
 * instance's outbox relay would. Two phases, each also run against a bare `ws` broadcast server (its
 * own process) sending the API's own frame text to the same number of sockets:
 * - latency: one event per second, each to every subscriber; p99 publish → receive;
 * - throughput: `burst` events back to back; frames delivered per second until the last arrives.
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
    const events = (
      await pool.query<{ workOrderId: number; orderId: number; state: string }>(
        `SELECT id AS "workOrderId", order_id AS "orderId", state::text AS state FROM work_order ORDER BY id LIMIT $1`,
        [options.latencyEvents + options.burst * options.rounds + 1],
      )
    ).rows as WorkOrderEvent[];
    if (events.length < options.latencyEvents + options.burst * options.rounds + 1) throw new Error('w3: not enough work orders in the database');
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

    const publish = async (event: WorkOrderEvent) => {
      const at = now();
      await redis.publish(`${prefix}work-order.changed`, JSON.stringify(event));
      return at;
    };

    // ── The API ──
    const gql = new LoadClient('graphql', `${api.url.replace('http', 'ws')}/graphql`, tokens, options.subscribers, options.threads);
    clients.push(gql);
    const connectStart = Date.now();
    await gql.connect();
    const connectMs = Date.now() - connectStart;
    // Every subscription is live once a first event reaches every subscriber.
    let warm = 0;
    for (let attempt = 0; attempt < 20 && warm < options.subscribers; attempt++) {
      const before = gql.received();
      await publish(events[0]);
      warm = (await gql.waitFor(before + options.subscribers, 3000)) - before;
    }
    if (warm < options.subscribers) throw new Error(`w3: only ${warm} of ${options.subscribers} subscribers receive events`);
    const { sample } = await gql.report();
    if (!sample) throw new Error('w3: no frame captured');
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

    const runPhases = async (client: LoadClient, serverPid: number, send: (batch: WorkOrderEvent[], gapMs: number) => Promise<number[]>) => {
      let expected = client.received();
      const latencyEvents = events.slice(1, 1 + options.latencyEvents);
      const publishedAt = new Map<string, number>();
      const sentAt = await send(latencyEvents, 1000);
      latencyEvents.forEach((event, i) => publishedAt.set(String(event.workOrderId), sentAt[i]));
      expected += latencyEvents.length * options.subscribers;
      const got = await client.waitFor(expected, 10_000);
      const lost = expected - got;
      const sorted = latencies(publishedAt, (await client.report()).receipts);
      const framesPerSecond: number[] = [];
      const cpu = cpuPerFrame(serverPid);
      let burstFrames = 0;
      for (let round = 0; round < options.rounds; round++) {
        const burst = events.slice(1 + options.latencyEvents + round * options.burst, 1 + options.latencyEvents + (round + 1) * options.burst);
        const start = client.received();
        const t0 = now();
        await send(burst, 0);
        const arrived = (await client.waitFor(start + burst.length * options.subscribers, 60_000)) - start;
        framesPerSecond.push(arrived / ((now() - t0) / 1000));
        burstFrames += arrived;
        await client.report();
        await sleep(500);
      }
      const { serverUs, clientUs } = cpu(burstFrames);
      return { serverUs, clientUs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length, lost, framesPerSecond: median(framesPerSecond), rounds: framesPerSecond };
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
      const frameFor = (event: WorkOrderEvent) => {
        const frame = JSON.parse(sample) as { payload: { data: { workOrderChanged: { state: string; workOrder: { id: string } } } } };
        frame.payload.data.workOrderChanged.state = event.state;
        frame.payload.data.workOrderChanged.workOrder.id = String(event.workOrderId);
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
        { id: 'w3.fanout_p99_ms', title: `publish → receive p99, ${options.subscribers} graphql-ws subscribers (${options.threads} load threads), one work-order event a second to each, through Redis`, value: apiResult.p99, unit: 'ms', baseline: rawResult.p99, baselineLabel: 'bare ws broadcast of the same frame to as many sockets', ratio: rawResult.p99 / apiResult.p99, target: '≤ 100 ms', met: apiResult.p99 <= 100 && apiResult.lost === 0, date },
        { id: 'w3.fanout_frames_per_s', title: `frames delivered per second, ${options.burst} events back to back to ${options.subscribers} subscribers (median of ${options.rounds})`, value: apiResult.framesPerSecond, unit: 'frames/s', baseline: rawResult.framesPerSecond, baselineLabel: 'bare ws broadcast of the same frames', ratio: apiResult.framesPerSecond / rawResult.framesPerSecond, target: '≥ 0.5× the bare broadcast', met: apiResult.framesPerSecond / rawResult.framesPerSecond >= 0.5, date },
        { id: 'w3.rss_per_connection_kb', title: `API RSS per subscribed connection ((RSS with ${options.subscribers} connected − idle) / ${options.subscribers})`, value: perConnectionKb, unit: 'KiB', baseline: idleRss, baselineLabel: 'idle API RSS in MiB, for scale', ratio: 1, target: 'report', met: true, date },
      ];
      const notes = [
        `w3: ${options.subscribers} subscribers over ${options.sessions} sessions of the manager login, ${options.threads} load-client threads; connecting them took ${(connectMs / 1000).toFixed(1)} s. Latency phase: ${options.latencyEvents} events 1 s apart → API p50 ${apiResult.p50.toFixed(1)} ms, p99 ${apiResult.p99.toFixed(1)} ms over ${apiResult.samples} receipts (${apiResult.lost} lost); bare ws p50 ${rawResult.p50.toFixed(1)} ms, p99 ${rawResult.p99.toFixed(1)} ms (${rawResult.lost} lost). Burst phase: API ${apiResult.rounds.map((f) => f.toFixed(0)).join(', ')} frames/s, bare ws ${rawResult.rounds.map((f) => f.toFixed(0)).join(', ')} frames/s; CPU per frame delivered during the bursts (the pauses between rounds included): API ${apiResult.serverUs.toFixed(1)} µs and its load client ${apiResult.clientUs.toFixed(1)} µs, bare server ${rawResult.serverUs.toFixed(1)} µs and its load client ${rawResult.clientUs.toFixed(1)} µs. API RSS idle ${idleRss.toFixed(0)} MiB, ${connectedRss.toFixed(0)} MiB with every subscriber connected, peak ${peakRss.toFixed(0)} MiB. The load client, the API, Redis, PostgreSQL and the bare server share the machine's cores.`,
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
