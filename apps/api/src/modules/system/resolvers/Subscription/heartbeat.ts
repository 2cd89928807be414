import { setInterval as every } from 'node:timers/promises';
import { z } from 'zod';
import type { SubscriptionResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';

const args = z.object({ intervalSeconds: z.number().int().min(1).max(60) });

export const heartbeat: SubscriptionResolvers['heartbeat'] = {
  subscribe: async function* (_parent, rawArgs) {
    const { intervalSeconds } = parseInput(args, rawArgs);
    yield { heartbeat: new Date() };
    for await (const _ of every(intervalSeconds * 1000)) yield { heartbeat: new Date() };
  },
};
