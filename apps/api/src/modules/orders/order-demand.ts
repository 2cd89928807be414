import type { Prisma } from '@openiom/db';

/**
 * Sets order-demand fields (订单需求) in the caller's transaction, keeping each field's previous value
 * as its old value: what a resource answer fills in, or what an offline activation set up by hand.
 */
export async function setDemandFields(tx: Prisma.TransactionClient, orderId: number, fields: Record<string, string>, now: Date): Promise<void> {
  for (const [key, value] of Object.entries(fields)) {
    const current = await tx.orderDemand.findUnique({ where: { orderId_key: { orderId, key } }, select: { value: true } });
    await tx.orderDemand.upsert({
      where: { orderId_key: { orderId, key } },
      create: { orderId, key, value, updatedAt: now },
      update: { value, oldValue: current?.value ?? null, updatedAt: now },
    });
  }
}
