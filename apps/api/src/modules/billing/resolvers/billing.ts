import { z } from 'zod';
import type { BillImportResolvers, MutationResolvers, QueryResolvers, SubscriptionResolvers } from '../../../generated/resolvers-types.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { optionalId } from '../../../lib/list-args.ts';
import { parseInput, toIntId } from '../../../lib/parse-input.ts';
import type { Outcome } from '../../../lib/refusal.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import { amount, billingMonth, checkSpec, formatSpec, phone, specFields } from '../billing.schemas.ts';
import type { BillFormatRecord, BillRecordRow } from '../billing.types.ts';

const viewerOf = (context: { viewer: ViewerRecord | null }) => context.viewer as ViewerRecord;

export const billFormats: QueryResolvers['billFormats'] = (_parent, _args, context) => context.services.billing.formats(viewerOf(context));

export const billFormatPreview: QueryResolvers['billFormatPreview'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ spec: formatSpec, sample: z.string().max(65_536, 'at most 64 KB') }), rawArgs);
  return context.services.billing.preview(viewerOf(context), args.spec, args.sample);
};

const saveInput = z.object({
  id: optionalId('bill format'),
  code: z.string().trim().min(1, 'is required').max(30, 'at most 30 characters').regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, `_` and `-` only'),
  name: z.string().trim().min(1, 'is required').max(60, 'at most 60 characters'),
  note: z.string().trim().max(200, 'at most 200 characters').nullish().transform((value) => value ?? ''),
  spec: specFields.superRefine(checkSpec),
});

const formatResult = (outcome: Outcome<BillFormatRecord | null>) => (outcome.ok ? { ok: true, error: null, billFormat: outcome.value } : { ok: false, error: outcome.error, billFormat: null });

export const saveBillFormat: MutationResolvers['saveBillFormat'] = async (_parent, args, context) => {
  const { spec, ...input } = parseInput(saveInput, args.input);
  return formatResult(await context.services.billing.saveFormat(viewerOf(context), { ...input, ...spec }));
};

export const deleteBillFormat: MutationResolvers['deleteBillFormat'] = async (_parent, args, context) =>
  formatResult(await context.services.billing.deleteFormat(viewerOf(context), toIntId(args.input.id, 'id')));

const importsArgs = z.object({ billingMonth: billingMonth.nullish().transform((value) => value ?? null), first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200') });

export const billImports: QueryResolvers['billImports'] = (_parent, rawArgs, context) => {
  const args = parseInput(importsArgs, rawArgs);
  return context.services.billing.imports(viewerOf(context), args.billingMonth, args.first);
};

export const billImport: QueryResolvers['billImport'] = (_parent, args, context) => context.services.billing.importById(viewerOf(context), toIntId(args.id, 'id'));

export const billImportChanged: SubscriptionResolvers['billImportChanged'] = {
  subscribe: async function* (_parent, rawArgs, context) {
    const month = parseInput(z.object({ billingMonth }), rawArgs).billingMonth;
    const events = authorizedEvents(
      context,
      context.services.pubsub.subscribe('billing.import-changed'),
      async (viewer, event) => event.billingMonth === month && viewer.permissions.has('billing:read'),
      (event) => event,
    );
    for await (const event of events) {
      // Reloaded per event: the subscriber sees the import as it stands, through the service.
      const found = await context.services.billing.importById(viewerOf(context), event.importId);
      if (found) yield { billImportChanged: found };
    }
  },
};

export const BillImport: BillImportResolvers = {
  id: (row) => String(row.id),
  format: async (row, _args, context) => (await context.services.billing.formatById(row.formatId))!,
  inForce: (row, _args, context) => context.services.billing.inForce(row.id),
  problems: (row, rawArgs, context) => {
    const args = parseInput(z.object({ first: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500'), afterLine: z.number().int().nullish().transform((value) => value ?? 0) }), rawArgs);
    return context.services.billing.problems(row.id, args.first, args.afterLine);
  },
};

const billsArgs = z.object({
  filter: z.object({ phone: phone.nullish().transform((value) => value ?? null), billingMonth: billingMonth.nullish().transform((value) => value ?? null) }),
  first: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500'),
  afterPhone: phone.nullish().transform((value) => value ?? null),
});

export const bills: QueryResolvers['bills'] = (_parent, rawArgs, context) => {
  const args = parseInput(billsArgs, rawArgs);
  return context.services.billing.bills(viewerOf(context), { ...args.filter, afterPhone: args.afterPhone }, args.first);
};

const billKey = z.object({ billingMonth, phone, importId: optionalId('import') });
const billResult = (outcome: Outcome<BillRecordRow | null>) => (outcome.ok ? { ok: true, error: null, bill: outcome.value } : { ok: false, error: outcome.error, bill: null });

export const correctBill: MutationResolvers['correctBill'] = async (_parent, args, context) => {
  const input = parseInput(billKey.extend({ amount }), args.input);
  return billResult(await context.services.billing.correctBill(viewerOf(context), input, input.amount));
};

export const deleteBill: MutationResolvers['deleteBill'] = async (_parent, args, context) => billResult(await context.services.billing.deleteBill(viewerOf(context), parseInput(billKey, args.input)));
