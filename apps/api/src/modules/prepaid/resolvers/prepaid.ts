import { z } from 'zod';
import type {
  CallRecordConnectionResolvers,
  CallRecordResolvers,
  MutationResolvers,
  PrepaidAccountConnectionResolvers,
  PrepaidAccountResolvers,
  PrepaidLedgerConnectionResolvers,
  PrepaidLedgerEntryResolvers,
  PrepaidSettingsResolvers,
  QueryResolvers,
  SubscriptionResolvers,
  TariffResolvers,
  CallRecordResultResolvers,
} from '../../../generated/resolvers-types.ts';
import { Prisma } from '@openiom/db';
import { countResolvers } from '../../../lib/connection.ts';
import { optionalId, optionalText, pageArgs } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { assertCan } from '../../../auth/authorize.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import type { Outcome } from '../../../lib/refusal.ts';
import type { PrepaidAccountRecord } from '../prepaid.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
/** A money amount as decimal text: at most `places` decimal places, up to ten integer digits. */
const amount = (places: number, sign: 'any' | 'non-negative' = 'non-negative') =>
  z
    .string()
    .trim()
    .regex(sign === 'any' ? new RegExp(`^-?\\d{1,10}(\\.\\d{1,${places}})?$`) : new RegExp(`^\\d{1,10}(\\.\\d{1,${places}})?$`), `not an amount${sign === 'any' ? '' : ' of 0 or more'} with at most ${places} decimal places`)
    .transform((text) => new Prisma.Decimal(text));
const money = (value: Prisma.Decimal) => value.toFixed(2);
const viewerOf = (context: { viewer: unknown }) => context.viewer as ViewerRecord;

const accountsArgs = z.object({ ...pageArgs, search: optionalText(40) });
const pageOnly = z.object(pageArgs);

export const prepaidAccounts: QueryResolvers['prepaidAccounts'] = (_parent, rawArgs, context) => {
  const args = parseInput(accountsArgs, rawArgs);
  return context.services.prepaid.accounts(viewerOf(context), args.search, args.first, args.after);
};

export const prepaidAccount: QueryResolvers['prepaidAccount'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ id: id('prepaid account') }), rawArgs);
  return context.services.prepaid.account(viewerOf(context), args.id);
};

export const tariffs: QueryResolvers['tariffs'] = (_parent, _args, context) => context.services.prepaid.tariffs(viewerOf(context));

export const prepaidSettings: QueryResolvers['prepaidSettings'] = (_parent, _args, context) => {
  assertCan(viewerOf(context), 'billing:operate');
  return { restrictionLimit: context.services.prepaid.restrictionLimit };
};

const accountResult = (outcome: Outcome<PrepaidAccountRecord>) => (outcome.ok ? { ok: true, error: null, account: outcome.value } : { ok: false, error: outcome.error, account: null });

const saveAccountInput = z.object({
  id: optionalId('prepaid account'),
  phone: z.string().trim().regex(/^\d{5,20}$/, 'must be a subscriber number of 5–20 digits'),
  name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  note: z.string().trim().max(500, 'at most 500 characters').nullish().transform((value) => value ?? ''),
  creditAmount: amount(2).nullish().transform((value) => value ?? new Prisma.Decimal(0)),
});

export const savePrepaidAccount: MutationResolvers['savePrepaidAccount'] = async (_parent, args, context) => {
  const input = parseInput(saveAccountInput, args.input);
  return accountResult(await context.services.prepaid.saveAccount(viewerOf(context), input));
};

const note = z.string().trim().min(1, 'is required').max(200, 'at most 200 characters');

export const topUpPrepaid: MutationResolvers['topUpPrepaid'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ accountId: id('prepaid account'), amount: amount(2), note }), args.input);
  return accountResult(await context.services.prepaid.changeBalance(viewerOf(context), { ...input, kind: 'TOP_UP' }));
};

export const adjustPrepaidBalance: MutationResolvers['adjustPrepaidBalance'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ accountId: id('prepaid account'), amount: amount(2, 'any'), note }), args.input);
  return accountResult(await context.services.prepaid.changeBalance(viewerOf(context), { ...input, kind: 'ADJUSTMENT' }));
};

const tariffInput = z.object({
  id: optionalId('tariff'),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, '1–20 letters, digits, _ or -'),
  name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  prefix: z.string().trim().regex(/^\+?\d{0,12}$/, '0–12 digits, optionally after a leading +'),
  unitSeconds: z.number().int().min(1, 'at least 1 second').max(3600, 'at most 3600 seconds'),
  ratePerUnit: amount(4),
});

export const saveTariff: MutationResolvers['saveTariff'] = async (_parent, args, context) => {
  const input = parseInput(tariffInput, args.input);
  const outcome = await context.services.prepaid.saveTariff(viewerOf(context), input);
  return outcome.ok ? { ok: true, error: null, tariff: outcome.value } : { ok: false, error: outcome.error, tariff: null };
};

export const submitCallRecords: MutationResolvers['submitCallRecords'] = async (_parent, args, context) => {
  // Each record is validated on its own by the service, so one bad record never costs the others.
  const results = await context.services.prepaid.submitCallRecords(viewerOf(context), args.records);
  const rated = results.filter((result) => result.outcome === 'RATED').length;
  return { results, rated, notCharged: results.length - rated };
};

export const prepaidAccountChanged: SubscriptionResolvers['prepaidAccountChanged'] = {
  subscribe: (_parent, rawArgs, context) => {
    const args = parseInput(z.object({ id: id('prepaid account') }), rawArgs);
    const events = authorizedEvents(
      context,
      context.services.pubsub.subscribe('prepaid.account-changed'),
      async (viewer, event) => event.accountId === args.id && viewer.permissions.has('billing:operate') && viewer.menus.includes('billing.prepaid'),
      (event) => event,
    );
    // Each event is re-read through the service: the subscriber sees the account as it is now.
    return (async function* () {
      for await (const event of events) {
        const account = await context.services.prepaid.account(viewerOf(context), event.accountId);
        if (account) yield { prepaidAccountChanged: account };
      }
    })();
  },
};

export const PrepaidAccount: PrepaidAccountResolvers = {
  id: (account) => String(account.id),
  creditAmount: (account) => money(account.creditAmount),
  balance: (account) => money(account.balance),
  available: (account) => money(account.balance.plus(account.creditAmount)),
  ledger: (account, rawArgs, context) => {
    const args = parseInput(pageOnly, rawArgs);
    return context.services.prepaid.ledger(viewerOf(context), account.id, args.first, args.after);
  },
  calls: (account, rawArgs, context) => {
    const args = parseInput(pageOnly, rawArgs);
    return context.services.prepaid.calls(viewerOf(context), account.id, args.first, args.after);
  },
};

export const PrepaidLedgerEntry: PrepaidLedgerEntryResolvers = {
  id: (entry) => String(entry.id),
  amount: (entry) => money(entry.amount),
  balanceAfter: (entry) => money(entry.balanceAfter),
  callRecordId: (entry) => (entry.callRecordId === null ? null : String(entry.callRecordId)),
  staffNo: async (entry, _args, context) => (entry.staffId === null ? null : ((await context.loaders.staffById.load(entry.staffId))?.staffNo ?? null)),
};

export const CallRecord: CallRecordResolvers = {
  id: (call) => String(call.id),
  charge: (call) => money(call.charge),
};

export const CallRecordResult: CallRecordResultResolvers = {
  charge: (result) => (result.charge === null ? null : money(result.charge)),
  balanceAfter: (result) => (result.balanceAfter === null ? null : money(result.balanceAfter)),
};

export const Tariff: TariffResolvers = {
  id: (tariff) => String(tariff.id),
  ratePerUnit: (tariff) => tariff.ratePerUnit.toFixed(4),
};

export const PrepaidSettings: PrepaidSettingsResolvers = {
  restrictionLimit: (settings) => money(settings.restrictionLimit),
};

export const PrepaidAccountConnection: PrepaidAccountConnectionResolvers = countResolvers;
export const PrepaidLedgerConnection: PrepaidLedgerConnectionResolvers = countResolvers;
export const CallRecordConnection: CallRecordConnectionResolvers = countResolvers;
