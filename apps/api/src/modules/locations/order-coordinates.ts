import type { Prisma, PrismaClient } from '@openiom/db';
import type { Geocoder, GeoPoint } from '../../integrations/geocoder/geocoder.adapter.ts';
import { logger } from '../../lib/logger.ts';

/** Orders placed per backfill statement. */
const BACKFILL_BATCH = 500;

/**
 * Gives orders their map position: CRM's coordinates when it sent them, otherwise the geocoder's
 * answer for the address in the order's business area. Read in the order-intake transaction and written
 * with the order, so an order is on the map from its first work order; orders from before (or whose area the geocoder
 * could not place then) are placed by `backfill`.
 */
export class OrderCoordinates {
  /** Organisation id → code (the tree changes only by configuration; a miss reads it again). */
  private readonly codes = new Map<number, string>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly geocoder: Geocoder,
  ) {}

  /** A new order's coordinates, written with the order in its intake transaction (null: it cannot be placed now). */
  async locate(db: Prisma.TransactionClient | PrismaClient, customer: { address: string; latitude?: number | null; longitude?: number | null }, organisationId: number | null): Promise<GeoPoint | null> {
    if (customer.latitude != null && customer.longitude != null) return { latitude: customer.latitude, longitude: customer.longitude };
    try {
      return await this.geocoder.locate(customer.address, organisationId === null ? null : await this.codeOf(db, organisationId));
    } catch (error) {
      // A geocoder that fails must never refuse an order: it stays off the map until the backfill.
      logger.warn('geocoding an order failed', { message: (error as Error).message });
      return null;
    }
  }

  private async codeOf(db: Prisma.TransactionClient | PrismaClient, organisationId: number): Promise<string | null> {
    const known = this.codes.get(organisationId);
    if (known) return known;
    const row = await db.organisation.findUnique({ where: { id: organisationId }, select: { code: true } });
    if (row) this.codes.set(organisationId, row.code);
    return row?.code ?? null;
  }

  /**
   * Places orders that have no coordinates yet (the demo's orders from before this existed, orders
   * the geocoder could not place). Orders still executing first; returns how many were placed.
   */
  async backfill(): Promise<number> {
    let placed = 0;
    let afterId = 0;
    for (;;) {
      const orders = await this.prisma.order.findMany({ where: { latitude: null, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: BACKFILL_BATCH, select: { id: true, address: true, organisationId: true } });
      if (orders.length === 0) return placed;
      afterId = orders[orders.length - 1]!.id;
      for (const order of orders) {
        const point = await this.locate(this.prisma, { address: order.address }, order.organisationId);
        if (!point) continue;
        await this.prisma.order.update({ where: { id: order.id }, data: point, select: { id: true } });
        placed++;
      }
    }
  }
}
