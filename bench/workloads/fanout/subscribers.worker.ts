import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * One thread of the W3 load client: `connections` WebSocket connections, either graphql-ws
 * subscriptions to the API (each with a session token) or plain sockets to the raw broadcast
 * server. Every frame received is timed (performance.timeOrigin + now, comparable across threads)
 * and keyed by the work-order id it carries; `received` (shared) counts frames for the main thread.
 */
interface Setup {
  mode: 'graphql' | 'raw';
  url: string;
  tokens: string[];
  connections: number;
  query: string;
  received: SharedArrayBuffer;
  index: number;
}

const setup = workerData as Setup;
const received = new Int32Array(setup.received);
const receipts = new Map<string, number[]>();
let sample: string | null = null;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

const now = () => performance.timeOrigin + performance.now();

/** Counts and times one event for the work order it names (the receive time is taken first). */
function record(at: number, key: string): void {
  let times = receipts.get(key);
  if (!times) receipts.set(key, (times = []));
  times.push(at);
  Atomics.add(received, setup.index, 1);
}

type Frame = { payload?: { data?: WorkOrderChanged } };
type WorkOrderChanged = { workOrderChanged?: { workOrder?: { id?: string } } };

async function connect(i: number): Promise<void> {
  if (setup.mode === 'raw') {
    const socket = new WebSocket(setup.url);
    // A plain socket reads the frame itself: one parse per frame, as any application would.
    socket.on('message', (data) => {
      const at = now();
      const text = data.toString();
      sample ??= text;
      record(at, (JSON.parse(text) as Frame).payload?.data?.workOrderChanged?.workOrder?.id ?? '?');
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    sockets.push(socket);
    return;
  }
  // graphql-ws parses each frame and hands over the result (no second parse here). The first frame's
  // text is also read from the socket, once, so the raw baseline can broadcast exactly the same text.
  await new Promise<void>((resolve, reject) => {
    const client = createClient({
      url: setup.url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols);
          const capture = (data: WebSocket.RawData) => {
            const text = data.toString();
            if (!text.includes('"type":"next"')) return;
            sample ??= text;
            this.off('message', capture);
          };
          if (sample === null) this.on('message', capture);
        }
      },
      // The thread's sessions in turn, each over a contiguous run of its connections.
      connectionParams: { authToken: setup.tokens[Math.floor((i * setup.tokens.length) / setup.connections)] },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => resolve(), closed: (event) => reject(new Error(`closed ${(event as { code?: number }).code}`)) },
    });
    client.subscribe<WorkOrderChanged>({ query: setup.query }, { next: (result) => record(now(), result.data?.workOrderChanged?.workOrder?.id ?? '?'), error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))), complete: () => undefined });
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
      parentPort!.postMessage({ type: 'report', receipts: [...receipts.entries()], sample });
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
