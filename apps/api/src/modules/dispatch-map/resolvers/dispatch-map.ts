import { z } from 'zod';
import type { GraphQLContext } from '../../../context.ts';
import type { MapStaffResolvers, MapWorkOrderResolvers, MutationResolvers, QueryResolvers, StaffMessageResolvers, StaffTrackResolvers, SubscriptionResolvers, TrackEventResolvers } from '../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { parseInput, toIntId } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const viewerOf = (context: { viewer: unknown }) => context.viewer as ViewerRecord;
const DAY_MS = 86_400_000;

const degrees = (min: number, max: number) => z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const box = z
  .object({ west: degrees(-180, 180), south: degrees(-90, 90), east: degrees(-180, 180), north: degrees(-90, 90) })
  .refine((b) => b.west <= b.east && b.south <= b.north, { message: 'west must not exceed east, nor south north' });
const id = (what: string) => z.union([z.string(), z.number()]).transform((value) => toIntId(value, what));

export const mapItems: QueryResolvers['mapItems'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ box, limit: z.number().int().min(1, 'must be at least 1').max(20_000, 'must be at most 20000').nullish().transform((v) => v ?? 5000) }), rawArgs);
  return context.services.dispatchMap.items(viewerOf(context), args.box, args.limit);
};

export const mapWorkOrderSearch: QueryResolvers['mapWorkOrderSearch'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ text: z.string().trim().min(3, 'at least 3 characters').max(64, 'at most 64 characters') }), rawArgs);
  return context.services.dispatchMap.search(viewerOf(context), args.text);
};

export const staffTracks: QueryResolvers['staffTracks'] = (_parent, rawArgs, context) => {
  const args = parseInput(
    z
      .object({ staffIds: z.array(id('staffIds')).min(1, 'at least one staff member').max(10, 'at most 10 staff members'), from: z.date(), to: z.date() })
      .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] })
      .refine((a) => a.to.getTime() - a.from.getTime() <= 7 * DAY_MS, { message: 'at most 7 days', path: ['to'] }),
    rawArgs,
  );
  return context.services.dispatchMap.tracks(viewerOf(context), args.staffIds, args.from, args.to);
};

export const mapSettings: QueryResolvers['mapSettings'] = (_parent, _args, context) => ({ styleUrl: context.services.config.locations.mapStyleUrl, retentionDays: context.services.config.locations.retentionDays });

export const myStaffMessages: QueryResolvers['myStaffMessages'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'), unreadOnly: z.boolean().nullish() }), rawArgs);
  return context.services.dispatchMap.myMessages(viewerOf(context), args.first, args.unreadOnly ?? false);
};

export const sendStaffMessage: MutationResolvers['sendStaffMessage'] = async (_parent, rawArgs, context) => {
  const input = parseInput(
    z.object({
      staffIds: z.array(id('staffIds')).min(1, 'at least one receiver').max(500, 'at most 500 receivers'),
      text: z.string().trim().min(1, 'is required').max(500, 'at most 500 characters'),
      workOrderId: id('workOrderId').nullish().transform((v) => v ?? null),
    }),
    rawArgs.input,
  );
  const outcome = await context.services.dispatchMap.send(viewerOf(context), input);
  return outcome.ok ? { sent: outcome.value, error: null } : { sent: 0, error: outcome.error };
};

export const markStaffMessagesRead: MutationResolvers['markStaffMessagesRead'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ upToId: z.string().regex(/^\d{1,18}$/, 'not a valid message id').transform((v) => BigInt(v)) }), rawArgs);
  return context.services.dispatchMap.markRead(viewerOf(context), args.upToId, context.services.clock.now());
};

export const staffLocationsChanged: SubscriptionResolvers['staffLocationsChanged'] = {
  subscribe: (_parent, _args, context: GraphQLContext) =>
    authorizedEvents(
      context,
      context.services.pubsub.subscribe('staff.locations-changed'),
      async (viewer) => viewer.permissions.has('orders:read') && viewer.menus.includes('dispatch.map'),
      // Each event is re-read through the service: only staff in the subscriber's scope, as they are now.
      async (event, viewer, loaders) => {
        const staff = await loaders.staffPositions.load({ viewer, staffIds: event.staffIds });
        return staff.length > 0 ? { staffLocationsChanged: staff } : null;
      },
    ),
} as SubscriptionResolvers['staffLocationsChanged'];

export const staffMessageReceived: SubscriptionResolvers['staffMessageReceived'] = {
  subscribe: (_parent, _args, context: GraphQLContext) => {
    const events = authorizedEvents(
      context,
      context.services.pubsub.subscribe('staff.message-sent'),
      async (viewer, event) => viewer.staffId === event.toStaffId,
      (event) => event,
    );
    return (async function* () {
      for await (const event of events) {
        const message = await context.services.dispatchMap.messageFor(viewerOf(context), BigInt(event.messageId));
        if (message) yield { staffMessageReceived: message };
      }
    })();
  },
} as SubscriptionResolvers['staffMessageReceived'];

export const MapStaff: MapStaffResolvers = { staffId: (staff) => String(staff.staffId) };
export const MapWorkOrder: MapWorkOrderResolvers = { id: (workOrder) => String(workOrder.id), positionId: (workOrder) => (workOrder.positionId === null ? null : String(workOrder.positionId)) };
export const StaffTrack: StaffTrackResolvers = { staffId: (track) => String(track.staffId) };
export const TrackEvent: TrackEventResolvers = { workOrderId: (event) => (event.workOrderId === null ? null : String(event.workOrderId)) };
export const StaffMessage: StaffMessageResolvers = { id: (message) => String(message.id) };
