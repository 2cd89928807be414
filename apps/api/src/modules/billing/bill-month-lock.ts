import type { Prisma } from '@openiom/db';

/** Advisory-lock namespace of billing months (the second key is the month's hash). */
const BILL_MONTH_LOCK = 74_110_001;

/**
 * Serialises, per billing month, everything that decides which bills the month has: starting an
 * import (one RUNNING import per month), switching the month to a finished import, and correcting
 * or deleting one of its bills. A transaction-scoped advisory lock rather than `SELECT … FOR UPDATE`
 * on `bill_month`, because a month's first import has no row to lock yet; it is released at commit.
 */
export async function lockBillMonth(tx: Prisma.TransactionClient, billingMonth: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BILL_MONTH_LOCK}::int, hashtext(${billingMonth}))`;
}
