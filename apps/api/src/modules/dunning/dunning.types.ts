import type { DunningChannel, DunningReminderState, DunningScheduleState, DunningTargetState } from '@openiom/db';
import type { ConnectionRecord } from '../../lib/connection.ts';

export interface DunningScheduleRecord {
  id: number;
  name: string;
  channel: DunningChannel;
  template: string;
  startAt: Date;
  periodMinutes: number;
  count: number;
  state: DunningScheduleState;
  staffId: number | null;
  createdAt: Date;
  endedAt: Date | null;
}

export interface DunningTargetRecord {
  id: number;
  scheduleId: number;
  phone: string;
  /** Two decimals as text, or null. */
  amount: string | null;
  state: DunningTargetState;
  remindersSent: number;
  failures: number;
  nextDueAt: Date | null;
  paidAt: Date | null;
}

export interface DunningReminderRecord {
  id: bigint;
  targetId: number;
  scheduleId: number;
  scheduleName: string;
  phone: string;
  n: number;
  channel: DunningChannel;
  state: DunningReminderState;
  message: string;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface DunningSummaryRecord {
  id: number;
  total: number;
  active: number;
  paid: number;
  done: number;
  failed: number;
  remindersSent: number;
}

export type DunningScheduleConnectionRecord = ConnectionRecord<DunningScheduleRecord>;
export type DunningTargetConnectionRecord = ConnectionRecord<DunningTargetRecord>;

/** One line of a number list: a phone and an optional amount. */
export interface DunningNumber {
  phone: string;
  amount: string | null;
}

export interface DunningLineProblem {
  line: number;
  text: string;
  message: string;
}

export interface NewDunningSchedule {
  name: string;
  channel: DunningChannel;
  template: string;
  startAt: Date;
  periodMinutes: number;
  count: number;
  numbers: string;
}

/** How the worker sends and retries. */
export interface DunningOptions {
  /** An unanswered send counts as failed after this long (ms). */
  timeoutMs: number;
  /** A failed reminder is tried again after this many minutes (or at the next period, if sooner). */
  retryMinutes: number;
  /** Failed attempts in a row after which a number is given up (state FAILED). */
  maxFailures: number;
  /** Targets claimed per batch. */
  batchSize: number;
}
