import { z } from 'zod';
import type { MutationResolvers } from '../../../../generated/resolvers-types.ts';
import { parseInput } from '../../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../../auth/auth.types.ts';

const input = z.object({
  workOrderId: z.string().regex(/^\d{1,9}$/, 'not a valid work-order id').transform(Number),
  exceptionType: z.string().trim().min(1).max(64).nullish().transform((value) => value ?? null),
  note: z.string().trim().max(500, 'at most 500 characters').nullish().transform((value) => value || null),
  offlineActivation: z
    .object({
      device: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters'),
      port: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters'),
      vlan: z.number().int('must be a whole number'),
    })
    .nullish()
    .transform((value) => value ?? null),
});

export const completeWorkOrder: MutationResolvers['completeWorkOrder'] = async (_parent, args, context) => {
  const parsed = parseInput(input, args.input);
  const viewer = context.viewer as ViewerRecord;
  const result = await context.services.workOrders.complete(viewer, parsed);
  if (!result.ok) return { ok: false, error: result.error, order: null };
  return { ok: true, error: null, order: await context.services.orders.find(viewer, result.orderId) };
};
