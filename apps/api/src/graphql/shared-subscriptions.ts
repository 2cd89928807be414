import { getOperationAST, Kind, subscribe, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { logger } from '../lib/logger.ts';

/**
 * Root subscription fields whose streams carry only events published from now on: someone who
 * subscribes later misses nothing that an earlier, identical subscription got at its start. Those
 * that first answer with the current state (heartbeat, dunningScheduleChanged, switchBatchChanged)
 * are not listed: each of their subscribers runs its own stream.
 */
export const eventOnlySubscriptions: ReadonlySet<string> = new Set([
  'workOrderChanged',
  'orderChanged',
  'alarmChanged',
  'clockChanged',
  'onlineStaffChanged',
  'staffLocationsChanged',
  'staffMessageReceived',
  'prepaidAccountChanged',
  'billImportChanged',
]);

/** Where one subscriber's frames go: its socket (and the TCP connection under it) and the id the client gave the subscription. */
interface Target {
  socket: WebSocket;
  connection: Socket | null;
  id: string;
  key: string;
}

interface Member {
  /** `{"id":…,"type":"next","payload":` — the frame up to the payload, encoded once. */
  readonly prefix: Buffer;
  readonly socket: WebSocket;
  readonly connection: Socket | null;
  finish(error: unknown): void;
}

interface Group {
  readonly key: string;
  readonly members: Set<Member>;
  /** graphql-js `subscribe` of the group's first subscriber: its stream, or the errors that refused it. */
  readonly started: Promise<AsyncGenerator<ExecutionResult> | ExecutionResult>;
  pumping: boolean;
}

/**
 * Runs each event once for all identical subscriptions on this instance, then writes the one result
 * to every subscriber's socket.
 *
 * Subscriptions are identical when the same session (token, address and browser) sends the same
 * operation with the same variables: they are authorized the same way and resolve to the same
 * result, so the session check, the permission check, `execute` and the JSON text are done once per
 * event for the group — a dispatcher's tabs, or a wall of monitors on one login, cost one stream.
 * Each subscriber still gets its own `next` frame (with its own id) and its own `complete` or `error`
 * through graphql-ws when the stream ends; a subscriber that stops reading (more than
 * `maxBufferedBytes` waiting in its socket) is disconnected rather than buffered without end.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();
  private readonly targets = new WeakMap<ExecutionArgs, Target>();
  /** Connections holding this turn's frames back until `flush` (see `write`). */
  private readonly corked = new Set<Socket>();
  private flushing: NodeJS.Immediate | null = null;

  constructor(
    private readonly format: (result: ExecutionResult) => unknown,
    private readonly maxBufferedBytes = 4 * 1024 * 1024,
  ) {}

  /** Number of shared streams running (tests). */
  streams(): number {
    return this.groups.size;
  }

  /**
   * Called from graphql-ws `onSubscribe` with the arguments it will execute: marks them as shared
   * when the operation only listens to event-only fields. Returns the arguments unchanged.
   */
  share<T extends ExecutionArgs>(args: T, target: { socket: WebSocket; connection: Socket | null; id: string; session: readonly unknown[]; query: string; variables: unknown }): T {
    if (!listensToEventsOnly(args.document, args.operationName)) return args;
    const key = JSON.stringify([...target.session, target.query, args.operationName ?? null, target.variables ?? null]);
    this.targets.set(args, { socket: target.socket, connection: target.connection, id: target.id, key });
    return args;
  }

  /** graphql-ws `subscribe`: a shared stream's member for marked arguments, graphql-js `subscribe` otherwise. */
  readonly subscribe = async (args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> => {
    const target = this.targets.get(args);
    if (!target) return subscribe(args);
    let group = this.groups.get(target.key);
    if (!group) {
      group = { key: target.key, members: new Set(), started: subscribe(args), pumping: false };
      this.groups.set(target.key, group);
    }
    const started = await group.started;
    if (!isAsyncGenerator(started)) {
      // Refused (bad filter, no permission…): every subscriber that asked the same gets the same answer.
      if (this.groups.get(group.key) === group && group.members.size === 0) this.groups.delete(group.key);
      return started;
    }
    if (this.groups.get(group.key) !== group) return this.subscribe(args); // ended while this one waited: start again
    const member = this.join(group, target);
    if (!group.pumping) {
      group.pumping = true;
      void this.pump(group, started);
    }
    return member;
  };

  private join(group: Group, target: Target): AsyncGenerator<never> {
    let settle: ((outcome: { error: unknown } | null) => void) | null = null;
    let outcome: { error: unknown } | null | undefined;
    const member: Member = {
      prefix: Buffer.from(`{"id":${JSON.stringify(target.id)},"type":"next","payload":`),
      socket: target.socket,
      connection: target.connection,
      finish: (error) => {
        if (outcome !== undefined) return;
        outcome = error === undefined ? null : { error };
        settle?.(outcome);
      },
    };
    group.members.add(member);
    const leave = () => {
      group.members.delete(member);
      if (group.members.size > 0 || this.groups.get(group.key) !== group) return;
      this.groups.delete(group.key);
      void group.started.then((stream) => (stream as AsyncGenerator<ExecutionResult>).return(undefined)).catch(() => undefined);
    };
    // graphql-ws awaits `next()` until the stream ends (then sends `complete`) or fails (then `error`);
    // the frames themselves go straight to the socket from the pump.
    const generator: AsyncGenerator<never> = {
      async next() {
        const ended = outcome !== undefined ? outcome : await new Promise<{ error: unknown } | null>((resolve) => (settle = resolve));
        leave();
        if (ended) throw ended.error;
        return { value: undefined, done: true };
      },
      async return() {
        member.finish(undefined);
        leave();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        member.finish(undefined);
        leave();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return generator;
      },
    };
    return generator;
  }

  private async pump(group: Group, stream: AsyncGenerator<ExecutionResult>): Promise<void> {
    let failure: unknown;
    try {
      for await (const result of stream) {
        if (group.members.size === 0) continue;
        // Encoded once: each frame is then its subscriber's prefix and these bytes.
        const payload = Buffer.from(`${JSON.stringify(this.format(result))}}`);
        for (const member of group.members) this.write(member, payload);
      }
    } catch (error) {
      failure = error;
    }
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    for (const member of group.members) member.finish(failure);
  }

  /**
   * Sends one frame. The frames a turn of the event loop produces for a connection go out together
   * (its TCP connection is corked until `flush`, right after the turn): a burst of events taken
   * together (authorizedEvents) costs each connection one write, not one per event.
   */
  private write(member: Member, payload: Buffer): void {
    const { socket, connection } = member;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.maxBufferedBytes) {
      logger.warn('closing a live connection that stopped reading its events', { bufferedBytes: socket.bufferedAmount });
      socket.close(1013, 'Events are not being read; reconnect');
      return;
    }
    if (connection && !this.corked.has(connection)) {
      connection.cork();
      this.corked.add(connection);
      this.flushing ??= setImmediate(this.flush);
    }
    socket.send(Buffer.concat([member.prefix, payload], member.prefix.length + payload.length), textFrame);
  }

  private readonly flush = (): void => {
    this.flushing = null;
    // Taken first: a frame written while these go out is held for the next flush, not left corked.
    const corked = [...this.corked];
    this.corked.clear();
    for (const connection of corked) connection.uncork();
  };
}

/** graphql-ws speaks in text frames (ws would send a Buffer as binary). */
const textFrame = { binary: false } as const;

/** True when the operation is a subscription whose root fields are all event-only (no fragments at the root). */
function listensToEventsOnly(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && eventOnlySubscriptions.has(selection.name.value));
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
