import type { Prisma } from '@openiom/db';

/** Step kinds whose work orders people handle, so they go to a construction position's queue. */
export const manualStepKinds = new Set(['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL']);

/**
 * Auto-dispatch (分派规则): the construction position for a work order of an order, from the rules of
 * the order's area and its ancestors — the nearest area wins, and a rule for the work-order type
 * beats one for any type. Null when no rule applies: the work order waits for manual assignment.
 */
export async function findConstructionPosition(tx: Prisma.TransactionClient, orderId: number, workOrderTypeCode: string | null): Promise<number | null> {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { organisation: { select: { path: true } } } });
  const path = order?.organisation?.path;
  if (!path) return null;
  const areaIds = path.split('/').filter(Boolean).map(Number).reverse(); // nearest first
  const rules = await tx.dispatchRule.findMany({
    where: { organisationId: { in: areaIds }, OR: [{ workOrderTypeCode }, { workOrderTypeCode: null }] },
    select: { organisationId: true, workOrderTypeCode: true, positionId: true },
  });
  const rank = (rule: (typeof rules)[number]) => areaIds.indexOf(rule.organisationId) * 2 + (rule.workOrderTypeCode === null ? 1 : 0);
  const best = rules.sort((a, b) => rank(a) - rank(b))[0];
  return best?.positionId ?? null;
}
