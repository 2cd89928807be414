import type { DunningScheduleState, DunningTargetState, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import type { NotificationAdapter, NotificationReceipt } from '../../integrations/notification/notification.adapter.ts';
import type { ConnectionRecord } from '../../lib/connection.ts';
import { logger } from '../../lib/logger.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { nextGridPoint, parseDunningNumbers, renderDunningMessage } from './dunning-numbers.ts';
import { DunningRepository, type OutgoingReminder } from './dunning.repository.ts';
import type { DunningLineProblem, DunningOptions, DunningReminderRecord, DunningScheduleRecord, DunningTargetRecord, NewDunningSchedule } from './dunning.types.ts';

export type CreateScheduleOutcome = { schedule: DunningScheduleRecord; problems: [] } | { schedule: null; problems: DunningLineProblem[]; error: { code: 'BAD_NUMBERS' | 'NO_NUMBERS'; message: string } };

/**
 * Dunning (自动语音催缴): schedules of reminders to numbers that owe money, sent through the
 * notification gateway by a clock-driven worker.
 *
 * Exactly one delivery per reminder, across crashes and any number of workers:
 * 1. claim (one transaction): due targets are locked with SKIP LOCKED, their due time moves to a
 *    lease, and each gets a SENDING history row; commit;
 * 2. send after the commit, the history row's id being the gateway's idempotency key;
 * 3. settle (one transaction): the row becomes SENT or FAILED and the target's count and next due
 *    time move on — only if the row is still SENDING, so a late second answer changes nothing.
 * A worker that dies between 1 and 3 leaves the row SENDING; when the lease passes the target is
 * claimed again and the same row is sent again under the same key, which the gateway does not
 * deliver twice. Recording before sending is what makes this safe: sending first could deliver a
 * reminder that no row remembers, and the restart would send it again.
 */
export class DunningService {
  readonly repository: DunningRepository;
  /** Called after a schedule was created whose first reminders are due. */
  onDue: () => void = () => undefined;

  constructor(
    prisma: PrismaClient,
    private readonly gateway: NotificationAdapter,
    private readonly options: DunningOptions,
    private readonly now: () => Date,
  ) {
    this.repository = new DunningRepository(prisma);
  }

  async create(viewer: ViewerRecord, input: NewDunningSchedule): Promise<CreateScheduleOutcome> {
    assertCan(viewer, 'billing:operate');
    const { numbers, problems } = parseDunningNumbers(input.numbers);
    if (problems.length > 0) {
      return { schedule: null, problems, error: { code: 'BAD_NUMBERS', message: `${problems.length === 100 ? '100 or more' : problems.length} line(s) of the number list cannot be used; nothing was created.` } };
    }
    if (numbers.length === 0) return { schedule: null, problems: [], error: { code: 'NO_NUMBERS', message: 'The number list is empty.' } };
    const now = this.now();
    const { numbers: _text, ...fields } = input;
    const schedule = await this.repository.transaction((tx) => this.repository.createSchedule(tx, { ...fields, staffId: viewer.staffId, createdAt: now }, numbers));
    if (schedule.startAt <= now) this.onDue();
    return { schedule, problems: [] };
  }

  async cancel(viewer: ViewerRecord, id: number): Promise<boolean> {
    assertCan(viewer, 'billing:operate');
    return this.repository.transaction((tx) => this.repository.cancel(tx, id, this.now()));
  }

  /** Stops every active target of a number; returns how many. */
  async markPaid(viewer: ViewerRecord, phone: string): Promise<number> {
    assertCan(viewer, 'billing:operate');
    return this.repository.transaction(async (tx) => {
      const now = this.now();
      const schedules = await this.repository.markPaid(tx, phone, now);
      for (const scheduleId of new Set(schedules)) await this.repository.finishIfDone(tx, scheduleId, now);
      return schedules.length;
    });
  }

  schedules(viewer: ViewerRecord, state: DunningScheduleState | null, first: number, after: string | null): Promise<ConnectionRecord<DunningScheduleRecord>> {
    assertCan(viewer, 'billing:operate');
    return this.repository.schedules(state, first, after);
  }

  schedule(viewer: ViewerRecord, id: number): Promise<DunningScheduleRecord | null> {
    assertCan(viewer, 'billing:operate');
    return this.repository.schedule(id);
  }

  targets(scheduleId: number, state: DunningTargetState | null, first: number, after: string | null): Promise<ConnectionRecord<DunningTargetRecord>> {
    return this.repository.targets(scheduleId, state, first, after);
  }

  history(viewer: ViewerRecord, phone: string, first: number): Promise<DunningReminderRecord[]> {
    assertCan(viewer, 'billing:operate');
    return this.repository.history(phone, first);
  }

  /** Sends every due reminder (one batch) and records the answers; returns how many targets were claimed. */
  async runOnce(): Promise<number> {
    const outgoing = await this.claim();
    await Promise.all(outgoing.map((reminder) => this.deliver(reminder)));
    return outgoing.length;
  }

  /** Step 1: claim due targets and write their SENDING rows, in one transaction. */
  async claim(): Promise<OutgoingReminder[]> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs * 2 + 60_000);
    return this.repository.transaction(async (tx) => {
      const claimed = await this.repository.claimDue(tx, now, leaseUntil, this.options.batchSize);
      const outgoing: OutgoingReminder[] = [];
      for (const target of claimed) {
        const left = await this.repository.sending(tx, target.id);
        if (target.state !== 'ACTIVE') {
          // Stopped while a crashed worker's attempt was in flight: close it, send nothing more.
          if (left) await this.repository.abandon(tx, left.id, target.id, `not confirmed: the number was ${target.state.toLowerCase()} before the gateway answered`, now);
          else await this.repository.release(tx, target.id);
          continue;
        }
        if (left) {
          outgoing.push({ id: left.id, targetId: target.id, phone: target.phone, channel: left.channel, message: left.message });
          continue;
        }
        const message = renderDunningMessage(target.template, target.phone, target.amount === null ? null : Number(target.amount).toFixed(2));
        const id = await this.repository.startReminder(tx, target.id, target.reminders_sent + 1, target.channel, message, now);
        outgoing.push({ id, targetId: target.id, phone: target.phone, channel: target.channel, message });
      }
      return outgoing;
    });
  }

  /** Steps 2 and 3: send one reminder and record the answer. */
  async deliver(reminder: OutgoingReminder): Promise<void> {
    let receipt: NotificationReceipt | null = null;
    let error = '';
    try {
      receipt = await withTimeout(this.gateway.send({ idempotencyKey: `dunning-${reminder.id}`, channel: reminder.channel, phone: reminder.phone, message: reminder.message }), this.options.timeoutMs);
    } catch (caught) {
      error = (caught as Error).message;
    }
    try {
      await this.repository.transaction(async (tx) => {
        const target = await this.repository.lockTarget(tx, reminder.targetId);
        if (!target) return;
        const now = this.now();
        const settled = await this.repository.settleReminder(tx, reminder.id, receipt ? { state: 'SENT', gatewayId: receipt.gatewayId } : { state: 'FAILED', error }, now);
        if (!settled) return; // another worker recorded this attempt already
        const next = nextGridPoint(target.start_at, target.period_minutes, now);
        if (receipt) {
          const sent = target.reminders_sent + 1;
          if (target.state !== 'ACTIVE') await this.repository.updateTarget(tx, target.id, { remindersSent: sent, failures: 0, nextDueAt: null });
          else if (sent >= target.count) await this.repository.updateTarget(tx, target.id, { state: 'DONE', remindersSent: sent, failures: 0, nextDueAt: null });
          else await this.repository.updateTarget(tx, target.id, { remindersSent: sent, failures: 0, nextDueAt: next });
        } else {
          const failures = target.failures + 1;
          const retryAt = new Date(Math.min(now.getTime() + this.options.retryMinutes * 60_000, next.getTime()));
          if (target.state !== 'ACTIVE') await this.repository.updateTarget(tx, target.id, { failures, nextDueAt: null });
          else if (failures >= this.options.maxFailures) await this.repository.updateTarget(tx, target.id, { state: 'FAILED', failures, nextDueAt: null });
          else await this.repository.updateTarget(tx, target.id, { failures, nextDueAt: retryAt });
        }
        const ended = target.state === 'ACTIVE' && (receipt ? target.reminders_sent + 1 >= target.count : target.failures + 1 >= this.options.maxFailures);
        if (ended) await this.repository.finishIfDone(tx, target.schedule_id, now);
      });
    } catch (caught) {
      // Left SENDING: claimed again when the lease passes and re-sent under the same key.
      logger.warn('could not record a dunning reminder', { id: String(reminder.id), message: (caught as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
