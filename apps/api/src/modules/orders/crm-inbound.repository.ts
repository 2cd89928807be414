import { Prisma, prepared, rawExecute, rawQuery, type PrismaClient } from '@openiom/db';

type Tx = Prisma.TransactionClient;

/** The statements of message processing; the benchmark's raw-`pg` baseline issues these same statements. */
export const crmInboundSql = {
  claimNext: () => prepared(Prisma.sql`
    SELECT id, format, payload, attempts FROM crm_inbound_message
    WHERE state = 'PENDING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`),
  markProcessed: (id: bigint, crmOrderCode: string, orderId: number, now: Date) => prepared(Prisma.sql`
    UPDATE crm_inbound_message
    SET state = 'PROCESSED', crm_order_code = ${crmOrderCode}, order_id = ${orderId}, processed_at = ${now}, attempts = attempts + 1
    WHERE id = ${id}`),
};

export interface ClaimedMessage {
  id: bigint;
  format: 'XML' | 'JSON';
  payload: string;
  attempts: number;
}

/** The inbound CRM interface table (if_from_crm_message). */
export class CrmInboundRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(format: 'XML' | 'JSON', payload: string, now: Date): Promise<bigint> {
    const row = await this.prisma.crmInboundMessage.create({ data: { format, payload, receivedAt: now }, select: { id: true } });
    return row.id;
  }

  /** Locks the oldest pending message no other process holds (several pollers may run). */
  async claimNext(tx: Tx): Promise<ClaimedMessage | null> {
    const rows = await rawQuery<ClaimedMessage>(tx, crmInboundSql.claimNext());
    return rows[0] ?? null;
  }

  async markProcessed(tx: Tx, id: bigint, crmOrderCode: string, orderId: number, now: Date): Promise<void> {
    await rawExecute(tx, crmInboundSql.markProcessed(id, crmOrderCode, orderId, now));
  }

  async markFailed(db: Tx | PrismaClient, id: bigint, reason: string, crmOrderCode: string | null, now: Date): Promise<void> {
    await db.crmInboundMessage.update({ where: { id }, data: { state: 'FAILED', failureReason: reason, crmOrderCode, processedAt: now, attempts: { increment: 1 } } });
  }

  /** Counts an attempt that crashed (the transaction rolled back); returns the new count. */
  async recordCrash(id: bigint): Promise<number> {
    const row = await this.prisma.crmInboundMessage.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } });
    return row.attempts;
  }

  find(id: bigint) {
    return this.prisma.crmInboundMessage.findUnique({
      where: { id },
      select: { id: true, format: true, state: true, crmOrderCode: true, failureReason: true, orderId: true, attempts: true, receivedAt: true, processedAt: true },
    });
  }
}
