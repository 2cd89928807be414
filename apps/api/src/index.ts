export { startOpenIOM, type OpenIOM, type StartOptions } from './app.ts';
export { loadConfig, type ApiConfig } from './config.ts';
export { buildApiSchema } from './graphql/schema.ts';
export { MemoryPubSub } from './pubsub/memory-pubsub.ts';
export { RedisPubSub } from './pubsub/redis-pubsub.ts';
