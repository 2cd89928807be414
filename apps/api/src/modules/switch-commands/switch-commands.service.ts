import { Prisma, type PrismaClient, type SwitchAction, type SwitchBatchKind, type SwitchCommandState } from '@openiom/db';
import type { SwitchAdapter, SwitchConfirmation } from '../../integrations/switch/switch.adapter.ts';
import { logger } from '../../lib/logger.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';

export interface SwitchOptions {
  /** Run the switch worker in this process. */
  enabled: boolean;
  /** How often the worker looks for commands to send and for unconfirmed ones past their time (ms). */
  pollMs: number;
  /** A command the switch has not confirmed this long after sending ends NOT_COMPLETED (ms). */
  answerTimeoutMs: number;
  /** Commands sent per worker round. */
  batchSize: number;
}

export interface SubmitBatchInput {
  kind: SwitchBatchKind;
  action: SwitchAction;
  phones: readonly string[];
  description?: string;
  staffId?: number | null;
}

/** How many of a batch's commands stand in each state. */
export type BatchCounts = Record<SwitchCommandState, number>;

interface ClaimedCommand {
  id: bigint;
  batch_id: number;
  phone: string;
  action: SwitchAction;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The bills in force for `billingMonth` (its current import) owing more than `minAmount`, as `b`. */
function arrearsOf(billingMonth: string, minAmount: number): Prisma.Sql {
  return Prisma.sql`FROM bill b JOIN bill_month m ON m.import_id = b.import_id
      WHERE m.billing_month = ${billingMonth} AND b.amount > ${minAmount.toFixed(2)}::numeric`;
}

/** Sends of an automatic (prepaid) command before it is left NOT_COMPLETED. */
export const AUTOMATIC_ATTEMPTS = 3;

/**
 * Commands to the switch (suspend/resume, call restrictions) and their outcomes. A batch is written
 * as PENDING commands in the caller's transaction; the worker sends them (claimed with SKIP LOCKED, so
 * several processes never send one twice), the switch's confirmations settle them SUCCEEDED or FAILED,
 * and one left unconfirmed past the answer time ends NOT_COMPLETED, from where it can be re-sent. A
 * process that dies after sending leaves its commands SENT: their deadline makes them NOT_COMPLETED,
 * so nothing is silently lost.
 */
export class SwitchCommandsService {
  /** Batches whose counts changed since the last `switch.batch-changed` publish. */
  private readonly dirty = new Set<number>();
  private publishTimer: NodeJS.Timeout | null = null;
  private readonly confirmations: SwitchConfirmation[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    readonly adapter: SwitchAdapter,
    private readonly options: SwitchOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    adapter.onConfirmation((confirmation) => this.receive(confirmation));
  }

  /** Asks the worker to run soon (set by the worker; a no-op without one). */
  kick: () => void = () => undefined;

  /**
   * Writes a batch and its commands (one per distinct number, in the given order) in `db`, which may
   * be the caller's transaction; call `kick()` after it commits. Returns the batch id and how many
   * commands it holds.
   */
  async submitBatch(input: SubmitBatchInput, db: Db = this.prisma): Promise<{ batchId: number; submitted: number }> {
    const phones = [...new Set(input.phones)];
    const batch = await this.createBatch(db, input);
    const created = this.now();
    await db.$executeRaw`
      INSERT INTO switch_command (batch_id, phone, action, created_at)
      SELECT ${batch.id}, p.phone, ${input.action}::"SwitchAction", ${created}
      FROM jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb) WITH ORDINALITY AS p(phone, n)
      ORDER BY p.n`;
    return { batchId: batch.id, submitted: phones.length };
  }

  /**
   * Writes a batch of every number in arrears for `billingMonth`: a bill above `minAmount` in the
   * month's bills in force (its current import), selected and inserted in the database, so a month of
   * 10⁵ numbers never travels through the process. Same contract as `submitBatch`.
   */
  async submitArrearsBatch(
    input: { action: SwitchAction; billingMonth: string; minAmount: number; description: string; staffId?: number | null },
    db: Db = this.prisma,
  ): Promise<{ batchId: number; submitted: number }> {
    const batch = await this.createBatch(db, { ...input, kind: 'ARREARS' });
    const submitted = await db.$executeRaw`
      INSERT INTO switch_command (batch_id, phone, action, created_at)
      SELECT ${batch.id}, b.phone, ${input.action}::"SwitchAction", ${this.now()}
      ${arrearsOf(input.billingMonth, input.minAmount)}
      ORDER BY b.phone`;
    return { batchId: batch.id, submitted };
  }

  private createBatch(db: Db, input: Omit<SubmitBatchInput, 'phones'>): Promise<{ id: number }> {
    return db.switchBatch.create({
      data: { kind: input.kind, action: input.action, description: input.description ?? '', staffId: input.staffId ?? null, createdAt: this.now() },
      select: { id: true },
    });
  }

  /** How many numbers `submitArrearsBatch` would send (bills are one per number per import). */
  async countArrears(billingMonth: string, minAmount: number, db: Db = this.prisma): Promise<number> {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n ${arrearsOf(billingMonth, minAmount)}`;
    return Number(row?.n ?? 0);
  }

  /**
   * Puts NOT_COMPLETED commands back in the queue: those of `batchId`, or the given ones. Returns how
   * many will be sent again. Settled commands (succeeded, failed) are never re-sent.
   */
  async resendNotCompleted(target: { batchId: number } | { commandIds: bigint[] }): Promise<number> {
    const where = 'batchId' in target ? { batchId: target.batchId } : { id: { in: target.commandIds } };
    const result = await this.prisma.switchCommand.updateMany({
      where: { ...where, state: 'NOT_COMPLETED' },
      data: { state: 'PENDING', sentAt: null, deadlineAt: null, reason: null },
    });
    if (result.count > 0) {
      const batches = await this.prisma.switchCommand.findMany({ where: { ...where, state: 'PENDING' }, distinct: ['batchId'], select: { batchId: true } });
      for (const { batchId } of batches) this.markDirty(batchId);
      this.kick();
    }
    return result.count;
  }

  /** Counts by state of each batch (every state present, zero when none). */
  async batchCounts(batchIds: readonly number[]): Promise<Map<number, BatchCounts>> {
    const groups = await this.prisma.switchCommand.groupBy({ by: ['batchId', 'state'], where: { batchId: { in: [...batchIds] } }, _count: { _all: true } });
    const counts = new Map<number, BatchCounts>(batchIds.map((id) => [id, { PENDING: 0, SENT: 0, SUCCEEDED: 0, FAILED: 0, NOT_COMPLETED: 0 }]));
    for (const group of groups) counts.get(group.batchId)![group.state] = group._count._all;
    return counts;
  }

  /**
   * One worker round: ends unconfirmed commands past their deadline as NOT_COMPLETED, then sends up
   * to `batchSize` pending ones. Returns how many were sent (more may be waiting when it is full).
   */
  async runOnce(): Promise<number> {
    await this.expire();
    const now = this.now();
    const deadline = new Date(now.getTime() + this.options.answerTimeoutMs);
    const claimed = await this.prisma.$queryRaw<ClaimedCommand[]>`
      UPDATE switch_command SET state = 'SENT', attempts = attempts + 1, sent_at = ${now}, deadline_at = ${deadline}, reason = NULL
      WHERE id IN (SELECT id FROM switch_command WHERE state = 'PENDING' LIMIT ${this.options.batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING id, batch_id, phone, action`;
    for (const command of claimed) {
      this.markDirty(command.batch_id);
      this.adapter.submit({ commandId: String(command.id), phone: command.phone, action: command.action }).catch((error: Error) => {
        // Refused outright: that is the switch's answer.
        this.receive({ commandId: String(command.id), ok: false, reason: error.message });
      });
    }
    return claimed.length;
  }

  /**
   * Ends SENT commands whose deadline passed without a confirmation as NOT_COMPLETED, for an operator
   * to re-send. Automatic commands (prepaid restrictions and their lifting) have no operator watching:
   * they go back to the queue by themselves, up to `AUTOMATIC_ATTEMPTS` sends, and only then end
   * NOT_COMPLETED.
   */
  async expire(): Promise<number> {
    const now = this.now();
    const seconds = Math.round(this.options.answerTimeoutMs / 100) / 10;
    const expired = await this.prisma.$queryRaw<{ batch_id: number; state: SwitchCommandState }[]>`
      UPDATE switch_command AS c
      SET state = (CASE WHEN b.kind = 'PREPAID' AND c.attempts < ${AUTOMATIC_ATTEMPTS} THEN 'PENDING' ELSE 'NOT_COMPLETED' END)::"SwitchCommandState",
          reason = ${`no confirmation from the switch within ${seconds} s`}
      FROM switch_batch AS b
      WHERE b.id = c.batch_id AND c.state = 'SENT' AND c.deadline_at < ${now}
      RETURNING c.batch_id, c.state`;
    for (const row of expired) this.markDirty(row.batch_id);
    if (expired.some((row) => row.state === 'PENDING')) this.kick();
    return expired.length;
  }

  /** Settles every confirmation received so far (the worker and tests await it). */
  async flushConfirmations(): Promise<void> {
    while (this.flushing || this.confirmations.length > 0) {
      if (this.flushing) await this.flushing;
      else {
        this.flushing = this.settle().finally(() => {
          this.flushing = null;
        });
      }
    }
  }

  /** Publishes pending batch changes now (tests; otherwise they go out within 200 ms). */
  publishChanges(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    const batchIds = [...this.dirty];
    this.dirty.clear();
    for (const batchId of batchIds) void this.pubsub.publish('switch.batch-changed', { batchId });
  }

  private receive(confirmation: SwitchConfirmation): void {
    this.confirmations.push(confirmation);
    if (!this.flushing) void this.flushConfirmations().catch((error: Error) => logger.warn('could not record switch confirmations; they stay unconfirmed until re-sent', { message: error.message }));
  }

  /**
   * Records the buffered confirmations in one statement. A late confirmation of a command already
   * marked NOT_COMPLETED (or queued again) still records what the switch did; a settled command keeps
   * its first answer.
   */
  private async settle(): Promise<void> {
    const answers = this.confirmations.splice(0, 5000);
    if (answers.length === 0) return;
    const rows = answers.map((answer) => ({ id: answer.commandId, state: answer.ok ? 'SUCCEEDED' : 'FAILED', reason: answer.ok ? null : (answer.reason ?? 'refused by the switch') }));
    const settled = await this.prisma.$queryRaw<{ batch_id: number }[]>`
      UPDATE switch_command AS c SET state = v.state::"SwitchCommandState", reason = v.reason, answered_at = ${this.now()}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id bigint, state text, reason text)
      WHERE c.id = v.id AND c.state NOT IN ('SUCCEEDED', 'FAILED')
      RETURNING c.batch_id`;
    for (const row of settled) this.markDirty(row.batch_id);
  }

  private markDirty(batchId: number): void {
    this.dirty.add(batchId);
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => this.publishChanges(), 200);
    this.publishTimer.unref();
  }
}
