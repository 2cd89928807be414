import type { InstallerWorkOrderFragment } from '../../generated/graphql';

/** Where a work order stands for the installer looking at it. */
export type CardKind = 'mine' | 'to-claim' | 'other';

export function cardKind(workOrder: Pick<InstallerWorkOrderFragment, 'state' | 'handler'>, staffId: string): CardKind {
  if (workOrder.handler?.id === staffId && workOrder.state === 'IN_PROGRESS') return 'mine';
  if (workOrder.state === 'PENDING' && (!workOrder.handler || workOrder.handler.id === staffId)) return 'to-claim';
  return 'other';
}

/**
 * The installer's list: their own work first, then what waits in their teams' queues; each work
 * order once. Within a group: the earliest appointment first (none last), then the earliest due time.
 */
export function installerWorkOrders(mine: readonly InstallerWorkOrderFragment[], queues: readonly InstallerWorkOrderFragment[], staffId: string): InstallerWorkOrderFragment[] {
  const byId = new Map<string, InstallerWorkOrderFragment>();
  for (const workOrder of [...mine, ...queues]) if (!byId.has(workOrder.id)) byId.set(workOrder.id, workOrder);
  const rank = (w: InstallerWorkOrderFragment) => ({ mine: 0, 'to-claim': 1, other: 2 })[cardKind(w, staffId)];
  const time = (value: string | null | undefined) => (value ? Date.parse(value) : Number.POSITIVE_INFINITY);
  return [...byId.values()]
    .filter((w) => cardKind(w, staffId) !== 'other')
    .sort((a, b) => rank(a) - rank(b) || time(a.order.appointmentAt) - time(b.order.appointmentAt) || time(a.dueAt) - time(b.dueAt) || a.workOrderNo.localeCompare(b.workOrderNo));
}

/** A `tel:` link for the customer's phone (digits and a leading + only); null without a number. */
export function telLink(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[^\d+]/g, '');
  return digits.length > 0 ? `tel:${digits}` : null;
}

/**
 * A link that opens the map app (Amap, common on the installers' phones; in a browser its web map)
 * at the service address: at the order's coordinates (WGS 84) when they are known, else a search
 * for the address.
 */
export function navigationLink(order: Pick<InstallerWorkOrderFragment['order'], 'address' | 'latitude' | 'longitude'>): string {
  const name = encodeURIComponent(order.address);
  if (order.latitude != null && order.longitude != null) {
    return `https://uri.amap.com/marker?position=${order.longitude},${order.latitude}&name=${name}&coordinate=wgs84&callnative=1`;
  }
  return `https://uri.amap.com/search?keyword=${name}&callnative=1`;
}

/** The exception types the step offers on completion (its exception edges), without the manual one. */
export function completionExceptions(workOrder: Pick<InstallerWorkOrderFragment, 'exceptionTypes' | 'exceptionTypeDetails'>): { code: string; name: string; nameEn: string }[] {
  return workOrder.exceptionTypes
    .map((code) => workOrder.exceptionTypeDetails.find((d) => d.code === code) ?? { code, name: code, nameEn: code, manual: false })
    .filter((type) => !type.manual && type.code !== 'MANUAL')
    .map(({ code, name, nameEn }) => ({ code, name, nameEn }));
}
