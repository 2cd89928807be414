import { z } from 'zod';
import type { PreAlarmRowResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const optionalId = (what: string) =>
  z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number).nullish().transform((value) => value ?? null);
const paging = {
  first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'),
  after: z.string().max(500).nullish().transform((value) => value ?? null),
};
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

export const preAlarmMonitor: QueryResolvers['preAlarmMonitor'] = (_parent, rawArgs, context) => {
  const { organisationId } = parseInput(z.object({ organisationId: optionalId('organisation') }), rawArgs);
  return context.services.monitors.preAlarm(context.viewer as ViewerRecord, organisationId);
};

export const PreAlarmRow: PreAlarmRowResolvers = {
  organisation: (row, _args, context) => loadRequired(context.loaders.organisationById, row.organisationId, 'Organisation'),
};

export const interfaceMonitor: QueryResolvers['interfaceMonitor'] = (_parent, _args, context) => context.services.monitors.interfaceCounts(context.viewer as ViewerRecord);

const requestArgs = z.object({
  ...paging,
  filter: z
    .object({
      system: orNull(z.enum(['RESOURCE', 'PROVISIONING', 'CRM'])),
      kind: orNull(z.string().trim().max(40)),
      state: orNull(z.enum(['PENDING', 'SENT', 'SUCCEEDED', 'FAILED'])),
    })
    .nullish()
    .transform((filter) => filter ?? { system: null, kind: null, state: null }),
});

export const interfaceRequests: QueryResolvers['interfaceRequests'] = (_parent, rawArgs, context) => {
  const args = parseInput(requestArgs, rawArgs);
  return context.services.monitors.interfaceRequests(context.viewer as ViewerRecord, args.filter, args.first, args.after);
};

const messageArgs = z.object({ ...paging, state: orNull(z.enum(['PENDING', 'PROCESSED', 'FAILED'])) });

export const crmInboundMessages: QueryResolvers['crmInboundMessages'] = (_parent, rawArgs, context) => {
  const args = parseInput(messageArgs, rawArgs);
  return context.services.monitors.crmInboundMessages(context.viewer as ViewerRecord, args.state, args.first, args.after);
};
