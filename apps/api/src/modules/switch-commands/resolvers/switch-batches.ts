import { z } from 'zod';
import type { MutationResolvers, QueryResolvers, SubscriptionResolvers, SwitchBatchResolvers, SwitchCommandResolvers } from '../../../generated/resolvers-types.ts';
import type { GraphQLContext } from '../../../context.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { AppError } from '../../../errors/app-error.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import type { SwitchBatchRecord } from '../switch-batches.types.ts';

const id = (what: string) => z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`)).transform(Number);
const paging = (max: number) => ({
  first: z.number().int().min(1, 'must be at least 1').max(max, `must be at most ${max}`),
  after: z.string().max(500).nullish().transform((value) => value ?? null),
});
const kind = z.enum(['ARREARS', 'CALL_PERMISSION', 'PREPAID']);
const state = z.enum(['PENDING', 'SENT', 'SUCCEEDED', 'FAILED', 'NOT_COMPLETED']);
const action = z.enum(['SUSPEND', 'RESUME', 'RESTRICT_OUTGOING', 'ALLOW_OUTGOING', 'RESTRICT_INCOMING', 'ALLOW_INCOMING']);
const description = z.string().trim().max(200, 'at most 200 characters').nullish().transform((value) => value ?? '');
// The count limit is checked (with a clear message) by the service; this only stops absurd payloads.
const phones = z.array(z.string().max(200, 'an entry is longer than 200 characters')).max(1_000_000, 'at most 1000000 entries before repeats and blanks are dropped');

const selection = z.object({
  billingMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
  minAmount: z
    .number()
    .min(0, 'must be at least 0')
    .max(9_999_999_999.99, 'must be at most 9999999999.99')
    .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'at most two decimals'),
});

const viewerOf = (context: { viewer: unknown }) => context.viewer as ViewerRecord;

export const SwitchBatch: SwitchBatchResolvers = {
  id: (batch) => String(batch.id),
};

export const SwitchCommand: SwitchCommandResolvers = {
  id: (command) => String(command.id),
};

export const switchBatches: QueryResolvers['switchBatches'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ kind, ...paging(200) }), rawArgs);
  return context.services.switchBatches.batches(viewerOf(context), args.kind, args.first, args.after);
};

export const switchBatch: QueryResolvers['switchBatch'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ id: id('batch') }), rawArgs);
  return context.services.switchBatches.batch(viewerOf(context), args.id);
};

export const switchCommands: QueryResolvers['switchCommands'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ batchId: id('batch'), state: state.nullish().transform((value) => value ?? null), ...paging(200) }), rawArgs);
  return context.services.switchBatches.batchCommands(viewerOf(context), args.batchId, args.state, args.first, args.after);
};

export const arrearsPreview: QueryResolvers['arrearsPreview'] = (_parent, rawArgs, context) => {
  const { input } = parseInput(z.object({ input: selection }), rawArgs);
  return context.services.switchBatches.arrearsPreview(viewerOf(context), input.billingMonth, input.minAmount);
};

const arrearsInput = z
  .object({ action, phones: phones.nullish().transform((value) => value ?? null), arrears: selection.nullish().transform((value) => value ?? null), description })
  .refine((input) => (input.phones === null) !== (input.arrears === null), { message: 'give either the numbers or a month and amount, not both and not neither', path: ['phones'] });

export const submitArrearsCommands: MutationResolvers['submitArrearsCommands'] = (_parent, args, context) => {
  const input = parseInput(arrearsInput, args.input);
  return context.services.switchBatches.submit(viewerOf(context), { kind: 'ARREARS', ...input });
};

export const submitCallPermissionCommands: MutationResolvers['submitCallPermissionCommands'] = (_parent, args, context) => {
  const input = parseInput(z.object({ action, phones, description }), args.input);
  return context.services.switchBatches.submit(viewerOf(context), { kind: 'CALL_PERMISSION', ...input, arrears: null });
};

export const resendNotCompletedSwitchCommands: MutationResolvers['resendNotCompletedSwitchCommands'] = (_parent, args, context) => {
  const { batchId } = parseInput(z.object({ batchId: id('batch') }), args.input);
  return context.services.switchBatches.resend(viewerOf(context), batchId);
};

export const switchBatchChanged: SubscriptionResolvers['switchBatchChanged'] = {
  subscribe: async (_parent, rawArgs, context) => {
    const { batchId } = parseInput(z.object({ batchId: id('batch') }), rawArgs);
    // Refuse at once a batch the subscriber may not see (or that does not exist).
    const first = await context.services.switchBatches.batch(viewerOf(context), batchId);
    if (!first) throw new AppError('NOT_FOUND', `Switch batch ${batchId} does not exist.`);
    // Listening starts here, before the first answer is read: a change in between is not lost.
    const events = authorizedEvents(
      context,
      context.services.pubsub.subscribe('switch.batch-changed'),
      async (viewer, event) => event.batchId === batchId && (await context.services.switchBatches.mayFollow(viewer, batchId)),
      (event) => ({ switchBatchChanged: event }),
    );
    return (async function* () {
      // The batch as it is now: confirmations that arrived between the submission and this
      // subscription starting (a fast switch answers within a few hundred ms) are not missed.
      yield { switchBatchChanged: { batchId } };
      yield* events;
    })();
  },
  // Each event re-reads the counts: events only say which batch changed.
  resolve: async (payload: { switchBatchChanged: { batchId: number } }, _args: unknown, context: GraphQLContext): Promise<SwitchBatchRecord> => {
    const batch = await context.services.switchBatches.batch(viewerOf(context), payload.switchBatchChanged.batchId);
    if (!batch) throw new AppError('NOT_FOUND', `Switch batch ${payload.switchBatchChanged.batchId} no longer exists.`);
    return batch;
  },
} as SubscriptionResolvers['switchBatchChanged'];
