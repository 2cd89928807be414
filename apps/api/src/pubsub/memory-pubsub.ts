import { LocalFanOut, type EventStream, type PubSub } from './pubsub.ts';
import type { Topic, TopicPayloads } from './topics.ts';

/** Pub/sub inside one process: the embedded default. */
export class MemoryPubSub implements PubSub {
  private readonly fanOut = new LocalFanOut();

  async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void> {
    // Deliver a copy as Redis would, so no subscriber can mutate what another sees.
    this.fanOut.deliver(topic, structuredClone(payload));
  }

  subscribe<T extends Topic>(topic: T): EventStream<TopicPayloads[T]> {
    return this.fanOut.iterator<TopicPayloads[T]>(topic);
  }

  async close(): Promise<void> {
    this.fanOut.closeAll();
  }
}
