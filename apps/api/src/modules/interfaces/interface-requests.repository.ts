import type { ExternalSystem, Prisma, PrismaClient } from '@openiom/db';

type Tx = Prisma.TransactionClient;

export interface ClaimedRequest {
  id: bigint;
  system: ExternalSystem;
  kind: string;
  order_id: number;
  work_order_id: number;
  attempts: number;
  /** What was asked (a rejection notice carries its reason). */
  request: unknown;
}

export class InterfaceRequestsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Marks up to `limit` due requests SENT and returns them: pending ones whose time has come, and
   * sent ones unanswered for `staleMs` (their worker died). SKIP LOCKED keeps workers apart.
   */
  claimDue(now: Date, staleMs: number, limit: number): Promise<ClaimedRequest[]> {
    const staleBefore = new Date(now.getTime() - staleMs);
    return this.prisma.$queryRaw<ClaimedRequest[]>`
      UPDATE interface_request SET state = 'SENT', attempts = attempts + 1, sent_at = ${now}
      WHERE id IN (
        SELECT id FROM interface_request
        WHERE (state = 'PENDING' AND next_attempt_at <= ${now}) OR (state = 'SENT' AND sent_at < ${staleBefore})
        ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, system, kind, order_id, work_order_id, attempts, request`;
  }

  /** Locks a request for its answer; null when another worker already settled it. */
  async lockSent(tx: Tx, id: bigint): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`SELECT id FROM interface_request WHERE id = ${id} AND state = 'SENT' FOR UPDATE`;
    return rows.length > 0;
  }

  async succeed(tx: Tx, id: bigint, response: Prisma.InputJsonValue, now: Date): Promise<void> {
    await tx.interfaceRequest.update({ where: { id }, data: { state: 'SUCCEEDED', response, completedAt: now, lastError: null } });
  }

  async retryLater(tx: Tx, id: bigint, error: string, at: Date): Promise<void> {
    await tx.interfaceRequest.update({ where: { id }, data: { state: 'PENDING', lastError: error, nextAttemptAt: at } });
  }

  async fail(tx: Tx, id: bigint, error: string, now: Date): Promise<void> {
    await tx.interfaceRequest.update({ where: { id }, data: { state: 'FAILED', lastError: error, completedAt: now } });
  }

  /** Puts a failed request back in the queue; false when it is not failed. */
  /**
   * Queues a FAILED request again, unless its step has moved on without it (a failed activation went
   * to its failure review): a notice is sent whatever its work order's state.
   */
  async resend(id: bigint, now: Date): Promise<'QUEUED' | 'NOT_FAILED' | 'MOVED_ON'> {
    const rows = await this.prisma.$queryRaw<{ queued: boolean }[]>`
      UPDATE interface_request r SET state = 'PENDING', next_attempt_at = ${now}, completed_at = NULL
      WHERE r.id = ${id} AND r.state = 'FAILED'
        AND (r.system = 'CRM' OR EXISTS (SELECT 1 FROM work_order w WHERE w.id = r.work_order_id AND w.state IN ('PENDING', 'IN_PROGRESS')))
      RETURNING true AS queued`;
    if (rows.length > 0) return 'QUEUED';
    const failed = await this.prisma.interfaceRequest.count({ where: { id, state: 'FAILED' } });
    return failed > 0 ? 'MOVED_ON' : 'NOT_FAILED';
  }
}
