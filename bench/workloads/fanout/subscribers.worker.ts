import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * One thread of the W3 load client: `connections` WebSocket connections, either graphql-ws
 * connections to the API (each with a session token, holding the work-order and the staff-location
 * subscriptions) or plain sockets to the raw broadcast server. Every frame received is timed
 * (performance.timeOrigin + now, comparable across threads) and keyed by the work order or staff
 * member it carries; `received` (shared) counts frames for the main thread.
 */
type Kind = 'workOrder' | 'location';
type EventData = { workOrderChanged?: { workOrder?: { id?: string } }; staffLocationsChanged?: { staffId?: string }[] };

interface Setup {
  mode: 'graphql' | 'raw';
  url: string;
  tokens: string[];
  connections: number;
  /** The subscriptions each connection holds (graphql mode). */
  queries: string[];
  received: SharedArrayBuffer;
  index: number;
}

const setup = workerData as Setup;
const received = new Int32Array(setup.received);
const receipts = new Map<string, number[]>();
/** The first frame of each kind, as sent (the raw baseline broadcasts exactly this text). */
const samples: Partial<Record<Kind, string>> = {};
const clients: Client[] = [];
const sockets: WebSocket[] = [];

const now = () => performance.timeOrigin + performance.now();

/** Counts and times one event (the receive time is taken first). */
function record(at: number, key: string): void {
  let times = receipts.get(key);
  if (!times) receipts.set(key, (times = []));
  times.push(at);
  Atomics.add(received, setup.index, 1);
}

/** An event's key: `w` and the work order's id, or `l` and the staff member's id. */
function keyOf(data: EventData | undefined): string {
  if (data?.workOrderChanged) return `w${data.workOrderChanged.workOrder?.id ?? '?'}`;
  if (data?.staffLocationsChanged) return `l${data.staffLocationsChanged[0]?.staffId ?? '?'}`;
  return '?';
}

const kindOf = (text: string): Kind | null => (text.includes('"workOrderChanged"') ? 'workOrder' : text.includes('"staffLocationsChanged"') ? 'location' : null);

async function connect(i: number): Promise<void> {
  if (setup.mode === 'raw') {
    const socket = new WebSocket(setup.url);
    // A plain socket reads the frame itself: one parse per frame, as any application would.
    socket.on('message', (data) => {
      const at = now();
      record(at, keyOf((JSON.parse(data.toString()) as { payload?: { data?: EventData } }).payload?.data));
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    sockets.push(socket);
    return;
  }
  // graphql-ws parses each frame and hands over the result (no second parse here). The first frame
  // of each kind is also read from the socket, once, for the raw baseline.
  await new Promise<void>((resolve, reject) => {
    const client = createClient({
      url: setup.url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols);
          const capture = (data: WebSocket.RawData) => {
            const text = data.toString();
            const kind = text.includes('"type":"next"') ? kindOf(text) : null;
            if (kind) samples[kind] ??= text;
            if (samples.workOrder && samples.location) this.off('message', capture);
          };
          if (!samples.workOrder || !samples.location) this.on('message', capture);
        }
      },
      // The thread's sessions in turn, each over a contiguous run of its connections.
      connectionParams: { authToken: setup.tokens[Math.floor((i * setup.tokens.length) / setup.connections)] },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => resolve(), closed: (event) => reject(new Error(`closed ${(event as { code?: number }).code}`)) },
    });
    const fail = (error: unknown) => reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
    for (const query of setup.queries) {
      client.subscribe<EventData>({ query }, { next: (result) => record(now(), keyOf(result.data ?? undefined)), error: fail, complete: () => undefined });
    }
    clients.push(client);
  });
}

parentPort!.on('message', async (message: { type: 'connect' } | { type: 'report' } | { type: 'close' }) => {
  try {
    if (message.type === 'connect') {
      // A few at a time: a burst of 500 handshakes at once is not what the test is about.
      for (let i = 0; i < setup.connections; i += 25) {
        await Promise.all(Array.from({ length: Math.min(25, setup.connections - i) }, (_, k) => connect(i + k)));
      }
      parentPort!.postMessage({ type: 'connected' });
    } else if (message.type === 'report') {
      parentPort!.postMessage({ type: 'report', receipts: [...receipts.entries()], samples });
      receipts.clear();
    } else {
      await Promise.all(clients.map((client) => client.dispose()));
      for (const socket of sockets) socket.close();
      parentPort!.postMessage({ type: 'closed' });
    }
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message });
  }
});
