import { z } from 'zod';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');
const groupBy = z.enum(['CITY', 'DISTRICT', 'TEAM', 'INSTALLER']);

const statisticsInput = z.object({ from: localDate, to: localDate, groupBy });

export const installStatistics: QueryResolvers['installStatistics'] = async (_parent, args, context) => {
  const input = parseInput(statisticsInput, args.input);
  const outcome = await context.services.installStatistics.statistics(context.viewer as ViewerRecord, input.from, input.to, input.groupBy);
  return outcome.ok ? { ok: true, error: null, statistics: outcome.value } : { ok: false, error: outcome.error, statistics: null };
};

const ordersInput = z.object({
  from: localDate,
  to: localDate,
  groupBy,
  key: z.string().regex(/^\d{1,9}$/, 'not a valid id').nullish().transform((value) => (value ? Number(value) : null)),
  kind: z.enum(['INSTALL', 'MOVE', 'REMOVAL']).nullish().transform((value) => value ?? null),
  measure: z.enum(['COMPLETED', 'RECEIVED', 'IN_FLIGHT']),
});

export const installStatisticsOrders: QueryResolvers['installStatisticsOrders'] = async (_parent, args, context) => {
  const input = parseInput(ordersInput, args.input);
  const outcome = await context.services.installStatistics.orders(context.viewer as ViewerRecord, input);
  return outcome.ok ? { ok: true, error: null, ...outcome.value } : { ok: false, error: outcome.error, orders: [], total: 0 };
};
