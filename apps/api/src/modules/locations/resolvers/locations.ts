import { z } from 'zod';
import type { LocationDeviceResolvers, MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import { deviceCode, readFix, reportEnvelope } from '../locations.schemas.ts';

const viewerOf = (context: { viewer: unknown }) => context.viewer as ViewerRecord;

export const reportLocations: MutationResolvers['reportLocations'] = async (_parent, rawArgs, context) => {
  const args = parseInput(reportEnvelope, rawArgs);
  return context.services.locations.report(viewerOf(context), args.deviceCode, args.fixes.map(readFix));
};

export const myLocationDevices: QueryResolvers['myLocationDevices'] = (_parent, _args, context) => context.services.locations.myDevices(viewerOf(context));

export const registerMyLocationDevice: MutationResolvers['registerMyLocationDevice'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ deviceCode }), args.input);
  const outcome = await context.services.locations.registerMine(viewerOf(context), input.deviceCode);
  return outcome.ok ? { device: outcome.value, error: null } : { device: null, error: outcome.error };
};

export const registerLocationDevice: MutationResolvers['registerLocationDevice'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ deviceCode, staffNo: z.string().trim().min(1, 'is required').max(32, 'at most 32 characters'), active: z.boolean() }), args.input);
  const outcome = await context.services.locations.register(viewerOf(context), input);
  return outcome.ok ? { device: outcome.value, error: null } : { device: null, error: outcome.error };
};

export const LocationDevice: LocationDeviceResolvers = {
  id: (device) => String(device.id),
};
