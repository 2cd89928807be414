import { Prisma, type PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { toConnection, type ConnectionRecord } from '../../lib/connection.ts';
import { keyset } from '../../lib/keyset.ts';
import { likeLiteral } from '../../lib/like.ts';
import { logger } from '../../lib/logger.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { SwitchCommandsService } from '../switch-commands/switch-commands.service.ts';
import { belowLimit, chargeFor, tariffFor, type TariffRecord } from './rating.ts';
import type { CallRecordInput, CallRecordResultRecord, CallRecordRecord, PrepaidAccountRecord, PrepaidLedgerRecord } from './prepaid.types.ts';

type Tx = Prisma.TransactionClient;
const Decimal = Prisma.Decimal;
type Decimal = Prisma.Decimal;

const accountSelect = { id: true, phone: true, name: true, note: true, creditAmount: true, balance: true, restricted: true, createdAt: true, updatedAt: true } as const;
const tariffSelect = { id: true, code: true, name: true, prefix: true, unitSeconds: true, ratePerUnit: true, updatedAt: true } as const;
const accountList = keyset<PrepaidAccountRecord>('prepaid-accounts', 'PHONE', { field: 'phone', type: 'text' }, 'ASC');
const ledgerList = keyset<PrepaidLedgerRecord>('prepaid-ledger', 'AT', { field: 'at', type: 'date' }, 'DESC');
const callList = keyset<CallRecordRecord>('call-records', 'STARTED_AT', { field: 'startedAt', type: 'date' }, 'DESC');

/** A subscriber number: digits only, 5–20 of them. */
const PHONE = /^\d{5,20}$/;
/** A called number: digits, optionally a leading +, 3–24 of them. */
const CALLED = /^\+?\d{3,24}$/;
/** Longest call the rating accepts (a day); longer ones are malformed. */
const MAX_DURATION_SECONDS = 86_400;
/** Call records accepted in one delivery. */
export const MAX_CALL_RECORDS_PER_DELIVERY = 1000;
/** Calls of one delivery rated side by side (each is its own transaction). */
const RATING_CONCURRENCY = 8;

export interface AccountInput {
  id: number | null;
  phone: string;
  name: string;
  note: string;
  creditAmount: Decimal;
}

interface BalanceRow {
  id: number;
  phone: string;
  balance: string;
  credit_amount: string;
  restricted: boolean;
}

/**
 * Prepaid (预付费): accounts, top-ups and real-time rating of call records. Every balance change is
 * one transaction that changes the balance with an atomic `UPDATE … SET balance = balance ± x
 * RETURNING` (which also locks the row until commit), writes the ledger entry with the balance
 * after it, and — when credit + balance crosses the configured limit — flips the account's
 * `restricted` flag and writes the switch command (RESTRICT_OUTGOING below the limit, ALLOW_OUTGOING
 * back at or above it) in the same transaction. So a call is never lost or charged twice, and the
 * switch gets one command per crossing, not one per call.
 */
export class PrepaidService {
  private readonly limit: Decimal;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    private readonly switchCommands: SwitchCommandsService,
    private readonly audit: AuditLog,
    limit: string,
    private readonly now: () => Date,
  ) {
    this.limit = new Decimal(limit);
  }

  /** Credit + balance below this bars outgoing calls. */
  get restrictionLimit(): Decimal {
    return this.limit;
  }

  // ---- reads ----

  async accounts(viewer: ViewerRecord, search: string | null, first: number, after: string | null): Promise<ConnectionRecord<PrepaidAccountRecord>> {
    assertCan(viewer, 'billing:operate');
    const where: Prisma.PrepaidAccountWhereInput[] = [];
    if (search) where.push({ OR: [{ phone: { startsWith: likeLiteral(search) } }, { name: { contains: likeLiteral(search), mode: 'insensitive' } }] });
    const rows = await this.prisma.prepaidAccount.findMany({
      where: { AND: [...where, ...(accountList.after(after) as Prisma.PrepaidAccountWhereInput[])] },
      orderBy: accountList.orderBy as Prisma.PrepaidAccountOrderByWithRelationInput[],
      take: first + 1,
      select: accountSelect,
    });
    return toConnection(accountList.page(rows, first, after), (limit) => this.prisma.prepaidAccount.count({ where: { AND: where }, take: limit }));
  }

  async account(viewer: ViewerRecord, id: number): Promise<PrepaidAccountRecord | null> {
    assertCan(viewer, 'billing:operate');
    return this.prisma.prepaidAccount.findUnique({ where: { id }, select: accountSelect });
  }

  /** Accounts by id (the ledger's and call records' account field). */
  async accountsById(ids: readonly number[]): Promise<PrepaidAccountRecord[]> {
    return this.prisma.prepaidAccount.findMany({ where: { id: { in: [...ids] } }, select: accountSelect });
  }

  async ledger(viewer: ViewerRecord, accountId: number, first: number, after: string | null): Promise<ConnectionRecord<PrepaidLedgerRecord>> {
    assertCan(viewer, 'billing:operate');
    const where: Prisma.PrepaidLedgerEntryWhereInput = { accountId };
    const rows = await this.prisma.prepaidLedgerEntry.findMany({
      where: { AND: [where, ...(ledgerList.after(after) as Prisma.PrepaidLedgerEntryWhereInput[])] },
      orderBy: ledgerList.orderBy as Prisma.PrepaidLedgerEntryOrderByWithRelationInput[],
      take: first + 1,
      select: { id: true, accountId: true, kind: true, amount: true, balanceAfter: true, callRecordId: true, note: true, staffId: true, at: true },
    });
    const entries = rows.map((row) => ({ ...row, id: Number(row.id), callRecordId: row.callRecordId === null ? null : Number(row.callRecordId) }));
    return toConnection(ledgerList.page(entries, first, after), (limit) => this.prisma.prepaidLedgerEntry.count({ where, take: limit }));
  }

  async calls(viewer: ViewerRecord, accountId: number, first: number, after: string | null): Promise<ConnectionRecord<CallRecordRecord>> {
    assertCan(viewer, 'billing:operate');
    const where: Prisma.CallRecordWhereInput = { accountId };
    const rows = await this.prisma.callRecord.findMany({
      where: { AND: [where, ...(callList.after(after) as Prisma.CallRecordWhereInput[])] },
      orderBy: callList.orderBy as Prisma.CallRecordOrderByWithRelationInput[],
      take: first + 1,
    });
    const calls = rows.map((row) => ({ ...row, id: Number(row.id) }));
    return toConnection(callList.page(calls, first, after), (limit) => this.prisma.callRecord.count({ where, take: limit }));
  }

  async tariffs(viewer: ViewerRecord): Promise<TariffRecord[]> {
    assertCan(viewer, 'billing:operate');
    return this.allTariffs();
  }

  // ---- changes by operators ----

  /** Creates an account (id null) or changes one's name, note and credit; the phone of an existing account stays. */
  async saveAccount(viewer: ViewerRecord, input: AccountInput): Promise<Outcome<PrepaidAccountRecord>> {
    assertCan(viewer, 'billing:operate');
    let switched = false;
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        if (input.id === null) {
          const clash = await tx.prepaidAccount.findUnique({ where: { phone: input.phone }, select: { id: true } });
          if (clash) throw new Refusal('DUPLICATE_PHONE', `The number ${input.phone} already has a prepaid account (${clash.id}).`, 'phone');
          const created = await tx.prepaidAccount.create({
            data: { phone: input.phone, name: input.name, note: input.note, creditAmount: input.creditAmount, balance: 0, createdAt: this.now(), updatedAt: this.now() },
            select: accountSelect,
          });
          switched = await this.reconcile(tx, toBalanceRow(created), 'account opened', viewer.staffId);
          await this.audit.record(tx, viewer, { action: 'prepaid-account.create', entityType: 'PrepaidAccount', entityId: created.id, summary: `${created.phone} ${created.name}`, after: created });
          return this.byId(tx, created.id);
        }
        const before = await tx.prepaidAccount.findUnique({ where: { id: input.id }, select: accountSelect });
        if (!before) throw new Refusal('NOT_FOUND', `There is no prepaid account ${input.id}.`, 'id');
        if (before.phone !== input.phone) throw new Refusal('PHONE_FIXED', `The number of account ${input.id} is ${before.phone}; a number cannot be changed, open a new account instead.`, 'phone');
        const [row] = await tx.$queryRaw<BalanceRow[]>`
          UPDATE prepaid_account SET name = ${input.name}, note = ${input.note}, credit_amount = ${input.creditAmount.toFixed(2)}::numeric, updated_at = ${this.now()}
          WHERE id = ${input.id}
          RETURNING id, phone, balance::text AS balance, credit_amount::text AS credit_amount, restricted`;
        switched = await this.reconcile(tx, row!, `credit set to ${input.creditAmount.toFixed(2)}`, viewer.staffId);
        const after = await this.byId(tx, input.id);
        await this.audit.record(tx, viewer, { action: 'prepaid-account.update', entityType: 'PrepaidAccount', entityId: input.id, summary: `${after.phone} ${after.name}`, before, after });
        return after;
      }),
    );
    if (outcome.ok) this.changed(outcome.value.id, switched);
    return outcome;
  }

  /** Pays money in (amount > 0) or corrects the balance (ADJUSTMENT, any non-zero amount); both need a reason. */
  async changeBalance(viewer: ViewerRecord, input: { accountId: number; kind: 'TOP_UP' | 'ADJUSTMENT'; amount: Decimal; note: string }): Promise<Outcome<PrepaidAccountRecord>> {
    assertCan(viewer, 'billing:operate');
    if (input.kind === 'TOP_UP' && !input.amount.greaterThan(0)) throw new AppError('BAD_USER_INPUT', 'amount: a top-up must be more than 0.', { field: 'amount' });
    if (input.amount.isZero()) throw new AppError('BAD_USER_INPUT', 'amount: must not be 0.', { field: 'amount' });
    let switched = false;
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const row = await this.applyToBalance(tx, input.accountId, input.amount);
        if (!row) throw new Refusal('NOT_FOUND', `There is no prepaid account ${input.accountId}.`, 'accountId');
        if (new Decimal(row.balance).abs().greaterThanOrEqualTo('1e10')) throw new Refusal('TOO_LARGE', 'The balance would exceed 9,999,999,999.99.', 'amount');
        await tx.prepaidLedgerEntry.create({ data: { accountId: row.id, kind: input.kind, amount: input.amount, balanceAfter: row.balance, note: input.note, staffId: viewer.staffId, at: this.now() } });
        const verb = input.kind === 'TOP_UP' ? 'top-up' : 'adjustment';
        switched = await this.reconcile(tx, row, `${verb} ${input.amount.toFixed(2)}`, viewer.staffId);
        return this.byId(tx, row.id);
      }),
    );
    if (outcome.ok) this.changed(outcome.value.id, switched);
    return outcome;
  }

  async saveTariff(viewer: ViewerRecord, input: { id: number | null; code: string; name: string; prefix: string; unitSeconds: number; ratePerUnit: Decimal }): Promise<Outcome<TariffRecord>> {
    assertCan(viewer, 'billing:operate');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const clash = await tx.tariff.findFirst({ where: { OR: [{ code: input.code }, { prefix: input.prefix }], ...(input.id === null ? {} : { NOT: { id: input.id } }) }, select: { code: true, prefix: true } });
        if (clash?.code === input.code) throw new Refusal('DUPLICATE_CODE', `There is already a tariff ${input.code}.`, 'code');
        if (clash) throw new Refusal('DUPLICATE_PREFIX', `Tariff ${clash.code} already covers the prefix "${input.prefix}".`, 'prefix');
        const data = { code: input.code, name: input.name, prefix: input.prefix, unitSeconds: input.unitSeconds, ratePerUnit: input.ratePerUnit };
        const before = input.id === null ? null : await tx.tariff.findUnique({ where: { id: input.id }, select: tariffSelect });
        if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no tariff ${input.id}.`, 'id');
        const tariff = before ? await tx.tariff.update({ where: { id: before.id }, data, select: tariffSelect }) : await tx.tariff.create({ data, select: tariffSelect });
        await this.audit.record(tx, viewer, { action: before ? 'tariff.update' : 'tariff.create', entityType: 'Tariff', entityId: tariff.id, summary: `${tariff.code} ${tariff.name}`, before: before ?? undefined, after: tariff });
        return tariff;
      }),
    );
  }

  // ---- call records (the switch / mediation side) ----

  /** Rates a delivery of call records, each in its own transaction; malformed ones are reported, the rest kept. */
  async submitCallRecords(viewer: ViewerRecord, records: readonly CallRecordInput[]): Promise<CallRecordResultRecord[]> {
    assertCan(viewer, 'billing:operate');
    if (records.length > MAX_CALL_RECORDS_PER_DELIVERY) throw new AppError('BAD_USER_INPUT', `records: at most ${MAX_CALL_RECORDS_PER_DELIVERY} call records per delivery, got ${records.length}.`, { field: 'records' });
    return this.ingest(records);
  }

  /**
   * Rates call records (the simulator and the mutation): results in the order given. One caller's
   * records are rated one after another in delivery order (its ledger reads in call order); different
   * callers' records are rated side by side.
   */
  async ingest(records: readonly CallRecordInput[]): Promise<CallRecordResultRecord[]> {
    const results: CallRecordResultRecord[] = new Array(records.length);
    const seen = new Set<string>();
    const lanes = new Map<string, number[]>();
    records.forEach((record, index) => {
      const problem = malformed(record);
      const externalId = typeof record.externalId === 'string' ? record.externalId : '';
      if (problem) results[index] = { externalId, outcome: 'INVALID', reason: problem, charge: null, balanceAfter: null };
      else if (seen.has(externalId)) results[index] = { externalId, outcome: 'DUPLICATE', reason: `call ${externalId} appears earlier in this delivery`, charge: null, balanceAfter: null };
      else {
        seen.add(externalId);
        lanes.set(record.callerPhone, [...(lanes.get(record.callerPhone) ?? []), index]);
      }
    });
    const queue = [...lanes.values()];
    const work = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const index of lane) results[index] = await this.rate(records[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(RATING_CONCURRENCY, queue.length) }, work));
    return results;
  }

  /**
   * Rates one well-formed call record in one transaction: the record is stored first (ON CONFLICT on
   * its external id: a re-delivery finds it there and is charged nothing), then the caller's balance
   * goes down atomically, the ledger entry is written, and a crossing of the limit restricts the line.
   */
  async rate(record: CallRecordInput): Promise<CallRecordResultRecord> {
    const tariffs = await this.allTariffs();
    const startedAt = new Date(record.startedAt);
    let switched = false;
    let accountId: number | null = null;
    const outcome = await this.prisma.$transaction(async (tx): Promise<CallRecordResultRecord> => {
      const account = await tx.prepaidAccount.findUnique({ where: { phone: record.callerPhone }, select: { id: true } });
      const tariff = tariffFor(record.calledNumber, tariffs);
      const reason = !account ? `no prepaid account for the caller ${record.callerPhone}` : !tariff ? `no tariff applies to the called number ${record.calledNumber}` : null;
      const charge = reason ? new Decimal(0) : chargeFor(record.durationSeconds, tariff!);
      const inserted = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO call_record (external_id, caller_phone, called_number, started_at, duration_seconds, account_id, tariff_code, charge, state, reason, received_at)
        VALUES (${record.externalId}, ${record.callerPhone}, ${record.calledNumber}, ${startedAt}, ${record.durationSeconds}, ${account?.id ?? null}, ${reason ? null : tariff!.code},
                ${charge.toFixed(2)}::numeric, ${reason ? 'REJECTED' : 'RATED'}::"CallRecordState", ${reason}, ${this.now()})
        ON CONFLICT (external_id) DO NOTHING
        RETURNING id`;
      const base = { externalId: record.externalId, charge: null, balanceAfter: null };
      if (inserted.length === 0) return { ...base, outcome: 'DUPLICATE', reason: `call ${record.externalId} was delivered before; not charged again` };
      if (reason) return { ...base, outcome: 'REJECTED', reason };
      const row = (await this.applyToBalance(tx, account!.id, charge.negated()))!;
      await tx.prepaidLedgerEntry.create({
        data: { accountId: row.id, kind: 'CALL', amount: charge.negated(), balanceAfter: row.balance, callRecordId: inserted[0]!.id, note: `${record.calledNumber} · ${record.durationSeconds} s · ${tariff!.code}`, at: this.now() },
      });
      switched = await this.reconcile(tx, row, `call ${record.externalId}`, null);
      accountId = row.id;
      return { ...base, outcome: 'RATED', reason: null, charge, balanceAfter: new Decimal(row.balance) };
    });
    if (accountId !== null) this.changed(accountId, switched);
    return outcome;
  }

  /** Phones of accounts whose outgoing calls are open (the call simulator's callers). */
  async callablePhones(): Promise<string[]> {
    const rows = await this.prisma.prepaidAccount.findMany({ where: { restricted: false }, select: { phone: true }, orderBy: { id: 'asc' }, take: 500 });
    return rows.map((row) => row.phone);
  }

  // ---- internals ----

  /** Adds `amount` (signed) to the balance atomically; the row stays locked until the transaction ends. */
  private async applyToBalance(tx: Tx, accountId: number, amount: Decimal): Promise<BalanceRow | undefined> {
    const [row] = await tx.$queryRaw<BalanceRow[]>`
      UPDATE prepaid_account SET balance = balance + ${amount.toFixed(2)}::numeric, updated_at = ${this.now()}
      WHERE id = ${accountId}
      RETURNING id, phone, balance::text AS balance, credit_amount::text AS credit_amount, restricted`;
    return row;
  }

  /**
   * Restricts or lifts the line when credit + balance crossed the limit. `row` was read by the
   * statement that locked the account, so `restricted` is current: only the transaction that crosses
   * sends a command. Returns whether it wrote one (kick the switch worker after commit).
   */
  private async reconcile(tx: Tx, row: BalanceRow, event: string, staffId: number | null): Promise<boolean> {
    const below = belowLimit(row.balance, row.credit_amount, this.limit);
    if (below === row.restricted) return false;
    await tx.prepaidAccount.update({ where: { id: row.id }, data: { restricted: below }, select: { id: true } });
    const available = new Decimal(row.balance).plus(row.credit_amount).toFixed(2);
    const state = below ? `below the limit ${this.limit.toFixed(2)}` : `back at or above the limit ${this.limit.toFixed(2)}`;
    await this.switchCommands.submitBatch(
      { kind: 'PREPAID', action: below ? 'RESTRICT_OUTGOING' : 'ALLOW_OUTGOING', phones: [row.phone], description: `prepaid ${row.phone}: credit + balance ${available} ${state} (${event})`, staffId },
      tx,
    );
    return true;
  }

  private async byId(tx: Tx, id: number): Promise<PrepaidAccountRecord> {
    return (await tx.prepaidAccount.findUnique({ where: { id }, select: accountSelect }))!;
  }

  private allTariffs(): Promise<TariffRecord[]> {
    return this.prisma.tariff.findMany({ select: tariffSelect, orderBy: [{ prefix: 'asc' }] });
  }

  /** After commit: the switch worker sends any command written, and subscribers re-read the account. */
  private changed(accountId: number, switched: boolean): void {
    if (switched) this.switchCommands.kick();
    this.pubsub.publish('prepaid.account-changed', { accountId }).catch((error: Error) => logger.warn('could not publish a prepaid change', { message: error.message }));
  }
}

function toBalanceRow(account: PrepaidAccountRecord): BalanceRow {
  return { id: account.id, phone: account.phone, balance: account.balance.toString(), credit_amount: account.creditAmount.toString(), restricted: account.restricted };
}

/** Why a delivered call record cannot be rated at all, or null when it is well formed. */
export function malformed(record: CallRecordInput): string | null {
  const problems: string[] = [];
  if (typeof record.externalId !== 'string' || record.externalId.trim() === '' || record.externalId.length > 100) problems.push('externalId: 1–100 characters required');
  if (typeof record.callerPhone !== 'string' || !PHONE.test(record.callerPhone)) problems.push(`callerPhone: "${String(record.callerPhone)}" is not a subscriber number (5–20 digits)`);
  if (typeof record.calledNumber !== 'string' || !CALLED.test(record.calledNumber)) problems.push(`calledNumber: "${String(record.calledNumber)}" is not a dialled number (3–24 digits, optional leading +)`);
  const startedAt = new Date(record.startedAt);
  if (Number.isNaN(startedAt.getTime())) problems.push(`startedAt: "${String(record.startedAt)}" is not a time`);
  if (!Number.isInteger(record.durationSeconds) || record.durationSeconds < 0 || record.durationSeconds > MAX_DURATION_SECONDS) problems.push(`durationSeconds: ${String(record.durationSeconds)} is not a whole number of seconds from 0 to ${MAX_DURATION_SECONDS}`);
  return problems.length === 0 ? null : problems.join('; ');
}
