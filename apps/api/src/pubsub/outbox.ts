import { Prisma, prepared, type PrismaClient } from '@openiom/db';
import { BackgroundLoop } from '../lib/background-loop.ts';
import type { PubSub } from './pubsub.ts';
import type { Topic, TopicPayloads } from './topics.ts';

/** The statement that writes an event (`created_at` from the wall clock, as the ORM's default would). */
export function enqueueEventSql<T extends Topic>(topic: T, payload: TopicPayloads[T], enqueuedAt = new Date()): Prisma.Sql {
  return prepared(Prisma.sql`INSERT INTO outbox_event (topic, payload, created_at) VALUES (${topic}, ${JSON.stringify(payload)}::jsonb, ${enqueuedAt})`);
}

/** Writes an event in the caller's transaction; it is published only once that transaction commits. */
export async function enqueueEvent<T extends Topic>(tx: Prisma.TransactionClient, topic: T, payload: TopicPayloads[T]): Promise<void> {
  await tx.$executeRaw(enqueueEventSql(topic, payload));
}

interface OutboxRow {
  id: bigint;
  topic: string;
  payload: unknown;
}

/**
 * Publishes committed outbox events. Any number of processes may run a relay: each batch is claimed
 * with FOR UPDATE SKIP LOCKED, published, then marked in the same transaction, so an event is never
 * lost; a crash between publish and commit can repeat an event (subscribers reload by id, so a
 * repeat is harmless). Kicked after each commit; polls for events a crashed process left behind.
 */
export class OutboxRelay extends BackgroundLoop {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    pollMs: number,
  ) {
    super('outbox relay', async () => (await this.drainBatch()) > 0, pollMs);
  }

  private async drainBatch(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, topic, payload FROM outbox_event
        WHERE published_at IS NULL ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      for (const row of rows) await this.pubsub.publish(row.topic as Topic, row.payload as never);
      const ids = rows.map((row) => row.id);
      await tx.outboxEvent.updateMany({ where: { id: { in: ids } }, data: { publishedAt: new Date() } });
      return rows.length;
    });
  }

  /** Deletes events published more than `olderThanMs` ago (housekeeping). */
  async prune(olderThanMs = 24 * 3600_000): Promise<number> {
    const result = await this.prisma.outboxEvent.deleteMany({ where: { publishedAt: { lt: new Date(Date.now() - olderThanMs) } } });
    return result.count;
  }
}
