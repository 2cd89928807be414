import { buildSchema, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { SharedSubscriptions } from '../shared-subscriptions.ts';

/** A stream the test feeds by hand, standing in for a pub/sub topic. */
function feed() {
  const waiting: ((result: IteratorResult<unknown>) => void)[] = [];
  const queued: IteratorResult<unknown>[] = [];
  let failure: Error | null = null;
  let failWaiting: ((error: Error) => void)[] = [];
  let opened = 0;
  const push = (result: IteratorResult<unknown>) => (waiting.length > 0 ? waiting.shift()!(result) : queued.push(result));
  return {
    opened: () => opened,
    emit: (value: unknown) => push({ value, done: false }),
    fail: (error: Error) => {
      failure = error;
      for (const reject of failWaiting) reject(error);
      failWaiting = [];
    },
    subscribe: (): AsyncGenerator<unknown> => {
      opened++;
      const generator: AsyncGenerator<unknown> = {
        next: () => {
          if (failure) return Promise.reject(failure);
          if (queued.length > 0) return Promise.resolve(queued.shift()!);
          return new Promise((resolve, reject) => {
            waiting.push(resolve);
            failWaiting.push(reject);
          });
        },
        return: async () => ({ value: undefined, done: true }),
        throw: async (error) => Promise.reject(error),
        [Symbol.asyncIterator]: () => generator,
      };
      return generator;
    },
  };
}

const schema = buildSchema('type Query { ok: Boolean } type Subscription { workOrderChanged: String heartbeat: String }');

function fakeSocket(bufferedAmount = 0) {
  const sent: string[] = [];
  const closed: [number, string][] = [];
  const socket = { OPEN: 1, readyState: 1, bufferedAmount, send: (text: string) => sent.push(text), close: (code: number, reason: string) => closed.push([code, reason]) };
  return { socket: socket as unknown as WebSocket, sent, closed };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SharedSubscriptions', () => {
  const source = feed();
  const rootValue = { workOrderChanged: source.subscribe, heartbeat: source.subscribe };
  const hub = new SharedSubscriptions((result: ExecutionResult) => result, 1000);
  const args = (query: string): ExecutionArgs => ({ schema, document: parse(query), rootValue });
  const join = (query: string, socket: WebSocket, id: string, session = 'token-a') => {
    const marked = hub.share(args(query), { socket, connection: null, id, session: [session], query, variables: undefined });
    return hub.subscribe(marked) as Promise<AsyncGenerator<ExecutionResult>>;
  };

  it('runs one stream per session and operation, and writes each subscriber its own graphql-ws frame', async () => {
    const a = fakeSocket();
    const b = fakeSocket();
    const other = fakeSocket();
    const query = 'subscription { workOrderChanged }';
    const members = [await join(query, a.socket, '1'), await join(query, b.socket, 'x"y'), await join(query, other.socket, '1', 'token-b')];
    expect(source.opened()).toBe(2);
    expect(hub.streams()).toBe(2);

    // The feed hands each value to one waiting stream: WO-1 to session A's, WO-2 to session B's.
    source.emit({ workOrderChanged: 'WO-1' });
    source.emit({ workOrderChanged: 'WO-2' });
    await tick();
    const framesOf = (sent: string[]) => sent.map((text) => JSON.parse(text));
    expect(framesOf(a.sent)).toEqual([{ id: '1', type: 'next', payload: { data: { workOrderChanged: 'WO-1' } } }]);
    expect(framesOf(b.sent)).toEqual([{ id: 'x"y', type: 'next', payload: { data: { workOrderChanged: 'WO-1' } } }]);
    expect(framesOf(other.sent)).toEqual([{ id: '1', type: 'next', payload: { data: { workOrderChanged: 'WO-2' } } }]);

    // A subscriber that has stopped reading is disconnected instead of buffering without end.
    (a.socket as unknown as { bufferedAmount: number }).bufferedAmount = 5000;
    source.emit({ workOrderChanged: 'WO-3' }); // session A's turn again
    await tick();
    expect(a.closed).toEqual([[1013, 'Events are not being read; reconnect']]);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);

    // The stream fails (e.g. the session ended): every member's graphql-ws loop gets the error.
    const ended = members.map((member) => member.next().then(() => 'done', (error: Error) => error.message));
    source.fail(new Error('Your session has ended; log in again.'));
    expect(await Promise.all(ended)).toEqual(['Your session has ended; log in again.', 'Your session has ended; log in again.', 'Your session has ended; log in again.']);
    expect(hub.streams()).toBe(0);
  });

  it('leaves other operations to graphql-js, one stream each', async () => {
    const first = hub.share(args('subscription { heartbeat }'), { socket: fakeSocket().socket, connection: null, id: '1', session: ['token-a'], query: 'subscription { heartbeat }', variables: undefined });
    const mixed = hub.share(args('subscription { workOrderChanged heartbeat }'), { socket: fakeSocket().socket, connection: null, id: '2', session: ['token-a'], query: 'subscription { workOrderChanged heartbeat }', variables: undefined });
    for (const marked of [first, mixed]) {
      hub.subscribe(marked);
      await tick();
    }
    expect(hub.streams()).toBe(0);
  });

  it('sends the frames one turn produces for a connection in one write, after the turn', async () => {
    const events = feed();
    const own = new SharedSubscriptions((result: ExecutionResult) => result);
    const writes: string[][] = [];
    let pending: string[] = [];
    let corks = 0;
    const connection = { cork: () => corks++, uncork: () => (--corks === 0 ? writes.push(pending.splice(0)) : undefined) };
    const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (text: string) => (corks > 0 ? pending.push(text) : writes.push([text])), close: () => undefined };
    const query = 'subscription { workOrderChanged }';
    const marked = own.share({ schema, document: parse(query), rootValue: { workOrderChanged: events.subscribe } }, { socket: socket as unknown as WebSocket, connection: connection as unknown as Socket, id: '7', session: ['token-a'], query, variables: undefined });
    await own.subscribe(marked);

    // Three events at once (a burst taken together): one write carrying the three frames, in order.
    for (const wo of ['WO-1', 'WO-2', 'WO-3']) events.emit({ workOrderChanged: wo });
    await new Promise((resolve) => setImmediate(resolve));
    expect(corks).toBe(1); // still held: the write goes out right after the turn that produced the frames
    await tick();
    expect(writes.map((texts) => texts.map((text) => JSON.parse(text).payload.data.workOrderChanged))).toEqual([['WO-1', 'WO-2', 'WO-3']]);

    // A later event is a write of its own.
    events.emit({ workOrderChanged: 'WO-4' });
    await tick();
    expect(writes).toHaveLength(2);
    expect(corks).toBe(0);
  });
});
