import type { DunningChannel, DunningScheduleState, DunningTargetState, Prisma, PrismaClient } from '@openiom/db';
import { toConnection, type ConnectionRecord } from '../../lib/connection.ts';
import { keyset } from '../../lib/keyset.ts';
import type { DunningNumber, DunningReminderRecord, DunningScheduleRecord, DunningSummaryRecord, DunningTargetRecord } from './dunning.types.ts';

type Tx = Prisma.TransactionClient;

const scheduleSelect = { id: true, name: true, channel: true, template: true, startAt: true, periodMinutes: true, count: true, state: true, staffId: true, createdAt: true, endedAt: true } as const;
const targetSelect = { id: true, scheduleId: true, phone: true, amount: true, state: true, remindersSent: true, failures: true, nextDueAt: true, paidAt: true } as const;
const scheduleList = keyset<DunningScheduleRecord>('dunning-schedules', 'created', { field: 'createdAt', type: 'date' }, 'DESC');
const targetList = keyset<DunningTargetRecord>('dunning-targets', 'phone', { field: 'phone', type: 'text' }, 'ASC');

/** A target the worker claimed, with what it needs to send. */
export interface ClaimedTarget {
  id: number;
  schedule_id: number;
  phone: string;
  amount: string | null;
  state: DunningTargetState;
  reminders_sent: number;
  channel: DunningChannel;
  template: string;
}

/** A reminder ready to send: new, or one a crashed worker left SENDING (sent again under the same id). */
export interface OutgoingReminder {
  id: bigint;
  targetId: number;
  phone: string;
  channel: DunningChannel;
  message: string;
}

/** The only Prisma-aware code of dunning. */
export class DunningRepository {
  constructor(private readonly prisma: PrismaClient) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  async createSchedule(tx: Tx, schedule: Omit<DunningScheduleRecord, 'id' | 'state' | 'endedAt'>, numbers: DunningNumber[]): Promise<DunningScheduleRecord> {
    const row = await tx.dunningSchedule.create({ data: schedule, select: scheduleSelect });
    for (let i = 0; i < numbers.length; i += 1000) {
      await tx.dunningTarget.createMany({ data: numbers.slice(i, i + 1000).map((n) => ({ scheduleId: row.id, phone: n.phone, amount: n.amount, nextDueAt: schedule.startAt })) });
    }
    return row;
  }

  schedule(id: number): Promise<DunningScheduleRecord | null> {
    return this.prisma.dunningSchedule.findUnique({ where: { id }, select: scheduleSelect });
  }

  async schedules(state: DunningScheduleState | null, first: number, after: string | null): Promise<ConnectionRecord<DunningScheduleRecord>> {
    const where: Prisma.DunningScheduleWhereInput[] = state ? [{ state }] : [];
    const rows = await this.prisma.dunningSchedule.findMany({
      where: { AND: [...where, ...(scheduleList.after(after) as Prisma.DunningScheduleWhereInput[])] },
      orderBy: scheduleList.orderBy as Prisma.DunningScheduleOrderByWithRelationInput[],
      take: first + 1,
      select: scheduleSelect,
    });
    return toConnection(scheduleList.page(rows, first, after), (limit) => this.prisma.dunningSchedule.count({ where: { AND: where }, take: limit }));
  }

  async targets(scheduleId: number, state: DunningTargetState | null, first: number, after: string | null): Promise<ConnectionRecord<DunningTargetRecord>> {
    const where: Prisma.DunningTargetWhereInput[] = [{ scheduleId }, ...(state ? [{ state }] : [])];
    const rows = await this.prisma.dunningTarget.findMany({
      where: { AND: [...where, ...(targetList.after(after) as Prisma.DunningTargetWhereInput[])] },
      orderBy: targetList.orderBy as Prisma.DunningTargetOrderByWithRelationInput[],
      take: first + 1,
      select: targetSelect,
    });
    const page = targetList.page(rows.map(toTarget), first, after);
    return toConnection(page, (limit) => this.prisma.dunningTarget.count({ where: { AND: where }, take: limit }));
  }

  async summaries(scheduleIds: readonly number[]): Promise<DunningSummaryRecord[]> {
    const rows = await this.prisma.dunningTarget.groupBy({ by: ['scheduleId', 'state'], where: { scheduleId: { in: [...scheduleIds] } }, _count: { _all: true }, _sum: { remindersSent: true } });
    return scheduleIds.map((id) => {
      const mine = rows.filter((row) => row.scheduleId === id);
      const of = (state: DunningTargetState) => mine.find((row) => row.state === state)?._count._all ?? 0;
      return {
        id,
        total: mine.reduce((sum, row) => sum + row._count._all, 0),
        active: of('ACTIVE'),
        paid: of('PAID'),
        done: of('DONE'),
        failed: of('FAILED'),
        remindersSent: mine.reduce((sum, row) => sum + (row._sum.remindersSent ?? 0), 0),
      };
    });
  }

  /** The latest attempt of each target. */
  async lastReminders(targetIds: readonly number[]): Promise<(DunningReminderRecord & { id: bigint })[]> {
    const rows = await this.prisma.$queryRaw<{ id: bigint }[]>`
      SELECT DISTINCT ON (target_id) id FROM dunning_reminder WHERE target_id = ANY(${[...targetIds]}::int[]) ORDER BY target_id, id DESC`;
    return this.remindersByIds(rows.map((row) => row.id));
  }

  /** Every attempt to a number across schedules, newest first. */
  async history(phone: string, first: number): Promise<DunningReminderRecord[]> {
    const rows = await this.prisma.dunningReminder.findMany({ where: { target: { phone } }, orderBy: { id: 'desc' }, take: first, select: reminderSelect });
    return rows.map(toReminder);
  }

  private async remindersByIds(ids: bigint[]): Promise<DunningReminderRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.dunningReminder.findMany({ where: { id: { in: ids } }, select: reminderSelect });
    return rows.map(toReminder);
  }

  // A stopped target keeps its due time while an attempt is in flight, so that an attempt a crashed
  // worker left behind is still picked up and closed (never sent: the number no longer needs it).

  /** Cancels an active schedule and its active targets; false when it was not active. */
  async cancel(tx: Tx, id: number, now: Date): Promise<boolean> {
    const updated = await tx.dunningSchedule.updateMany({ where: { id, state: 'ACTIVE' }, data: { state: 'CANCELLED', endedAt: now } });
    if (updated.count === 0) return false;
    await tx.$executeRaw`
      UPDATE dunning_target t SET state = 'CANCELLED', next_due_at = CASE WHEN EXISTS (SELECT 1 FROM dunning_reminder r WHERE r.target_id = t.id AND r.state = 'SENDING') THEN t.next_due_at END
      WHERE t.schedule_id = ${id} AND t.state = 'ACTIVE'`;
    return true;
  }

  /** Stops every active target of a number; returns the schedules touched. */
  async markPaid(tx: Tx, phone: string, now: Date): Promise<number[]> {
    const rows = await tx.$queryRaw<{ schedule_id: number }[]>`
      UPDATE dunning_target t SET state = 'PAID', paid_at = ${now}, next_due_at = CASE WHEN EXISTS (SELECT 1 FROM dunning_reminder r WHERE r.target_id = t.id AND r.state = 'SENDING') THEN t.next_due_at END
      WHERE t.phone = ${phone} AND t.state = 'ACTIVE'
      RETURNING t.schedule_id`;
    return rows.map((row) => row.schedule_id);
  }

  /**
   * Marks a schedule FINISHED once none of its targets is active. Call it after a target left ACTIVE.
   * The schedule row is locked first: two transactions each ending the other's last target would
   * otherwise both still see the other one active (READ COMMITTED) and neither would finish it.
   * After the lock, the next statement's snapshot sees whatever the previous holder committed.
   */
  async finishIfDone(tx: Tx, scheduleId: number, now: Date): Promise<void> {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM dunning_schedule WHERE id = ${scheduleId} AND state = 'ACTIVE' FOR UPDATE`;
    if (locked.length === 0) return;
    await tx.$executeRaw`
      UPDATE dunning_schedule s SET state = 'FINISHED', ended_at = ${now}
      WHERE s.id = ${scheduleId} AND s.state = 'ACTIVE'
        AND NOT EXISTS (SELECT 1 FROM dunning_target t WHERE t.schedule_id = s.id AND t.state = 'ACTIVE')`;
  }

  /**
   * Claims up to `limit` targets whose time has come: their next due time moves to `leaseUntil`, so
   * no other worker takes them while this one sends, and a crashed worker's targets come back once
   * the lease passes. SKIP LOCKED keeps concurrent workers on disjoint rows.
   */
  claimDue(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedTarget[]> {
    return tx.$queryRaw<ClaimedTarget[]>`
      WITH due AS (
        SELECT id FROM dunning_target
        WHERE next_due_at <= ${now}
        ORDER BY next_due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE dunning_target t SET next_due_at = ${leaseUntil}, last_attempt_at = ${now}
      FROM due, dunning_schedule s
      WHERE t.id = due.id AND s.id = t.schedule_id
      RETURNING t.id, t.schedule_id, t.phone, t.amount::text AS amount, t.state, t.reminders_sent, s.channel, s.template`;
  }

  /** The attempt a crashed worker left unanswered for this target, if any. */
  async sending(tx: Tx, targetId: number): Promise<{ id: bigint; n: number; channel: DunningChannel; message: string } | null> {
    return tx.dunningReminder.findFirst({ where: { targetId, state: 'SENDING' }, select: { id: true, n: true, channel: true, message: true } });
  }

  async startReminder(tx: Tx, targetId: number, n: number, channel: DunningChannel, message: string, now: Date): Promise<bigint> {
    const row = await tx.dunningReminder.create({ data: { targetId, n, channel, message, state: 'SENDING', createdAt: now }, select: { id: true } });
    return row.id;
  }

  /** Gives up an attempt without sending (the target stopped while it was in flight). */
  async abandon(tx: Tx, reminderId: bigint, targetId: number, reason: string, now: Date): Promise<void> {
    await tx.dunningReminder.updateMany({ where: { id: reminderId, state: 'SENDING' }, data: { state: 'FAILED', error: reason, sentAt: now } });
    await tx.dunningTarget.update({ where: { id: targetId }, data: { nextDueAt: null } });
  }

  /** Stops a non-active target that was claimed with nothing in flight. */
  async release(tx: Tx, targetId: number): Promise<void> {
    await tx.dunningTarget.update({ where: { id: targetId }, data: { nextDueAt: null } });
  }

  /** Locks a target and its schedule's timing for settling an answer. */
  async lockTarget(tx: Tx, targetId: number): Promise<{ id: number; schedule_id: number; state: DunningTargetState; reminders_sent: number; failures: number; count: number; start_at: Date; period_minutes: number } | null> {
    const rows = await tx.$queryRaw<{ id: number; schedule_id: number; state: DunningTargetState; reminders_sent: number; failures: number; count: number; start_at: Date; period_minutes: number }[]>`
      SELECT t.id, t.schedule_id, t.state, t.reminders_sent, t.failures, s.count, s.start_at, s.period_minutes
      FROM dunning_target t JOIN dunning_schedule s ON s.id = t.schedule_id
      WHERE t.id = ${targetId} FOR UPDATE OF t`;
    return rows[0] ?? null;
  }

  /** Records the gateway's answer; false when the attempt was already settled (by another worker). */
  async settleReminder(tx: Tx, reminderId: bigint, outcome: { state: 'SENT'; gatewayId: string } | { state: 'FAILED'; error: string }, now: Date): Promise<boolean> {
    const result = await tx.dunningReminder.updateMany({
      where: { id: reminderId, state: 'SENDING' },
      data: outcome.state === 'SENT' ? { state: 'SENT', gatewayId: outcome.gatewayId, sentAt: now } : { state: 'FAILED', error: outcome.error.slice(0, 500), sentAt: now },
    });
    return result.count > 0;
  }

  async updateTarget(tx: Tx, targetId: number, data: { state?: DunningTargetState; remindersSent?: number; failures?: number; nextDueAt: Date | null }): Promise<void> {
    await tx.dunningTarget.update({ where: { id: targetId }, data });
  }
}

const reminderSelect = {
  id: true,
  targetId: true,
  n: true,
  channel: true,
  state: true,
  message: true,
  error: true,
  createdAt: true,
  sentAt: true,
  target: { select: { phone: true, scheduleId: true, schedule: { select: { name: true } } } },
} as const;

function toReminder(row: {
  id: bigint;
  targetId: number;
  n: number;
  channel: DunningChannel;
  state: DunningReminderRecord['state'];
  message: string;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  target: { phone: string; scheduleId: number; schedule: { name: string } };
}): DunningReminderRecord {
  const { target, ...rest } = row;
  return { ...rest, phone: target.phone, scheduleId: target.scheduleId, scheduleName: target.schedule.name };
}

function toTarget(row: Omit<DunningTargetRecord, 'amount'> & { amount: { toFixed(digits: number): string } | null }): DunningTargetRecord {
  return { ...row, amount: row.amount === null ? null : row.amount.toFixed(2) };
}
