import type { Prisma } from '@openiom/db';
import type { ConnectionRecord } from '../../lib/connection.ts';

/** A prepaid account as the API reads it. */
export interface PrepaidAccountRecord {
  id: number;
  phone: string;
  name: string;
  note: string;
  creditAmount: Prisma.Decimal;
  balance: Prisma.Decimal;
  restricted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One ledger entry (ids fit a JS number long before they would not fit a bigint). */
export interface PrepaidLedgerRecord {
  id: number;
  accountId: number;
  kind: 'TOP_UP' | 'CALL' | 'ADJUSTMENT';
  amount: Prisma.Decimal;
  balanceAfter: Prisma.Decimal;
  callRecordId: number | null;
  note: string;
  staffId: number | null;
  at: Date;
}

/** A delivered call record and its rating. */
export interface CallRecordRecord {
  id: number;
  externalId: string;
  callerPhone: string;
  calledNumber: string;
  startedAt: Date;
  durationSeconds: number;
  accountId: number | null;
  tariffCode: string | null;
  charge: Prisma.Decimal;
  state: 'RATED' | 'REJECTED';
  reason: string | null;
  receivedAt: Date;
}

export type PrepaidAccountConnectionRecord = ConnectionRecord<PrepaidAccountRecord>;
export type PrepaidLedgerConnectionRecord = ConnectionRecord<PrepaidLedgerRecord>;
export type CallRecordConnectionRecord = ConnectionRecord<CallRecordRecord>;

/** A call record as the switch or mediation delivers it (not yet validated). */
export interface CallRecordInput {
  externalId: string;
  callerPhone: string;
  calledNumber: string;
  startedAt: string | Date;
  durationSeconds: number;
}

/** What became of one delivered call record. */
export interface CallRecordResultRecord {
  externalId: string;
  /** RATED and REJECTED are stored; INVALID (malformed) and DUPLICATE (already delivered) are not. */
  outcome: 'RATED' | 'REJECTED' | 'DUPLICATE' | 'INVALID';
  reason: string | null;
  charge: Prisma.Decimal | null;
  /** The caller's balance after this call (RATED only). */
  balanceAfter: Prisma.Decimal | null;
}

export type PrepaidOutcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

/** Prepaid settings in force. */
export interface PrepaidSettingsRecord {
  restrictionLimit: Prisma.Decimal;
}
