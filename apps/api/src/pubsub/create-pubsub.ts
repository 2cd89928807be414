import type { ApiConfig } from '../config.ts';
import { MemoryPubSub } from './memory-pubsub.ts';
import type { PubSub } from './pubsub.ts';
import { RedisPubSub } from './redis-pubsub.ts';

/** In memory by default, Redis when REDIS_URL is set: one switch, same API. */
export async function createPubSub(config: Pick<ApiConfig, 'redisUrl' | 'redisChannelPrefix'>): Promise<PubSub> {
  if (!config.redisUrl) return new MemoryPubSub();
  const pubsub = new RedisPubSub(config.redisUrl, config.redisChannelPrefix);
  await pubsub.ready();
  return pubsub;
}
