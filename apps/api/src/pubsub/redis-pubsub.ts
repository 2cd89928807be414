import { Redis } from 'ioredis';
import { logger } from '../lib/logger.ts';
import { LocalFanOut, type EventStream, type PubSub } from './pubsub.ts';
import type { Topic, TopicPayloads } from './topics.ts';

/**
 * Pub/sub across API instances through Redis. One connection publishes, one subscribes; a Redis
 * channel is subscribed while at least one local subscriber listens to its topic.
 */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly fanOut = new LocalFanOut();

  constructor(url: string, private readonly prefix: string) {
    const options = { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const [name, client] of [['publisher', this.publisher], ['subscriber', this.subscriber]] as const) {
      client.on('error', (error) => logger.warn('redis connection error', { client: name, message: error.message }));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      try {
        this.fanOut.deliver(channel.slice(this.prefix.length), JSON.parse(message));
      } catch (error) {
        logger.warn('dropped malformed pub/sub message', { channel, message: (error as Error).message });
      }
    });
  }

  /** Resolves once both connections are ready (tests and start-up use it to fail fast). */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void> {
    await this.publisher.publish(this.prefix + topic, JSON.stringify(payload));
  }

  subscribe<T extends Topic>(topic: T): EventStream<TopicPayloads[T]> {
    const channel = this.prefix + topic;
    return this.fanOut.iterator<TopicPayloads[T]>(topic, {
      onFirst: () => {
        this.subscriber.subscribe(channel).catch((error: Error) => logger.error('redis subscribe failed', { channel, message: error.message }));
      },
      onLast: () => {
        this.subscriber.unsubscribe(channel).catch(() => undefined);
      },
    });
  }

  /** Waits until the Redis channel of `topic` is subscribed (a subscription set up just now may still be pending). */
  async whenSubscribed(topic: Topic): Promise<void> {
    const channel = this.prefix + topic;
    for (let i = 0; i < 100; i++) {
      const [, count] = (await this.publisher.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(count) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no Redis subscriber on ${channel}`);
  }

  async close(): Promise<void> {
    this.fanOut.closeAll();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
