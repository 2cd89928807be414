import { z } from 'zod';
import type { InterfaceRequestResolvers, MutationResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

export const InterfaceRequest: InterfaceRequestResolvers = {
  id: (request) => String(request.id),
  // Like a CRM message's order: the interface monitor's reader sees which order a request is for.
  order: (request, _args, context) => loadRequired(context.loaders.orderById, request.orderId, 'Order'),
};

const resendInput = z.object({ id: z.string().regex(/^\d{1,18}$/, 'not a valid request id').transform((id) => BigInt(id)) });

export const resendInterfaceRequest: MutationResolvers['resendInterfaceRequest'] = async (_parent, args, context) => {
  const { id } = parseInput(resendInput, args.input);
  const queued = await context.services.interfaces.resend(context.viewer as ViewerRecord, id);
  if (queued === 'QUEUED') return { ok: true, error: null };
  if (queued === 'MOVED_ON') return { ok: false, error: { code: 'MOVED_ON', message: `Interface request ${id} failed and its step has moved on (its failure is being handled in the flow): it is not sent again.`, field: 'id' } };
  return { ok: false, error: { code: 'NOT_FAILED', message: `Interface request ${id} does not exist or has not failed.`, field: 'id' } };
};

const simulatorInput = z
  .object({
    system: z.enum(['RESOURCE', 'PROVISIONING', 'CRM', 'SWITCH', 'NOTIFICATION', 'ACCOUNTS']),
    minLatencyMs: z.number().int().min(0).max(60_000),
    maxLatencyMs: z.number().int().min(0).max(60_000),
    failureRate: z.number().min(0).max(1),
    timeoutRate: z.number().min(0).max(1),
  })
  .refine((input) => input.maxLatencyMs >= input.minLatencyMs, { message: 'must be at least minLatencyMs', path: ['maxLatencyMs'] })
  .refine((input) => input.failureRate + input.timeoutRate <= 1, { message: 'failureRate + timeoutRate must be at most 1', path: ['timeoutRate'] });

export const configureSimulator: MutationResolvers['configureSimulator'] = (_parent, args, context) => {
  const { system, ...settings } = parseInput(simulatorInput, args.input);
  context.services.simulators[system].settings = settings;
  return { system, ...settings };
};
