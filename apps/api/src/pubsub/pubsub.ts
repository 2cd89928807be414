import type { Topic, TopicPayloads } from './topics.ts';

/**
 * One subscriber's events, oldest first: pulled one at a time, or together with those already
 * waiting (`drain`), so a subscriber that fell behind during a burst catches up in one step.
 */
export interface EventStream<T> extends AsyncIterableIterator<T> {
  /** The events received and not yet pulled, oldest first; they are taken off the stream. */
  drain(): T[];
}

/** Typed publish/subscribe with the same API in memory (one process) and on Redis (many). */
export interface PubSub {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void>;
  /** Events of `topic` from now on; ends when the iterator is returned (subscriber gone) or on close(). */
  subscribe<T extends Topic>(topic: T): EventStream<TopicPayloads[T]>;
  close(): Promise<void>;
}

type Listener = (payload: unknown) => void;

/**
 * Local fan-out shared by both implementations: a listener set per topic and a push→pull queue per
 * subscriber, so a slow subscriber never blocks the publisher.
 */
export class LocalFanOut {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();

  /** Number of local subscribers of a topic (Redis subscribes to a channel while this is > 0). */
  count(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  deliver(topic: string, payload: unknown): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(payload);
  }

  iterator<T>(topic: string, hooks: { onFirst?: () => void; onLast?: () => void } = {}): EventStream<T> {
    const queue: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    let done = false;
    const listener: Listener = (payload) => {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: payload as T, done: false });
      } else queue.push(payload as T);
    };
    const finish = () => {
      if (done) return;
      done = true;
      const set = this.listeners.get(topic);
      set?.delete(listener);
      this.closers.delete(finish);
      if (set && set.size === 0) {
        this.listeners.delete(topic);
        hooks.onLast?.();
      }
      waiting?.({ value: undefined, done: true });
      waiting = null;
    };
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    this.closers.add(finish);
    if (set.size === 1) hooks.onFirst?.();

    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      drain: () => queue.splice(0),
      return: () => {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
