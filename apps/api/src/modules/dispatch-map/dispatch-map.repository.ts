import { Prisma, type PrismaClient } from '@openiom/db';
import type { GeoBox, MapStaffRecord, MapWorkOrderRecord, StaffMessageRecord, TrackEventRecord, TrackPointRecord } from './dispatch-map.types.ts';

/** Order-log actions drawn on a track's timeline. */
export const TRACK_ACTIONS = ['CLAIM', 'ARRIVE', 'COMPLETE'];

const staffColumns = Prisma.sql`
  s.id AS "staffId", s.staff_no AS "staffNo", s.name, s.phone, org.code AS "organisationCode", l.at, l.latitude, l.longitude,
  (SELECT count(*)::int FROM work_order w WHERE w.staff_id = s.id AND w.state = 'IN_PROGRESS') AS "inProgress"`;

const workOrderColumns = Prisma.sql`
  w.id, w.work_order_no AS "workOrderNo", o.order_no AS "orderNo", w.state::text AS state, st.code AS "stepCode", st.name AS "stepName",
  o.customer_name AS "customerName", o.address, o.latitude, o.longitude, h.staff_no AS "handlerStaffNo", w.position_id AS "positionId", w.time_state::text AS "timeState"`;

const messageColumns = Prisma.sql`
  m.id, f.staff_no AS "fromStaffNo", f.name AS "fromName", m.to_staff_id AS "toStaffId", t.staff_no AS "toStaffNo", m.text,
  w.work_order_no AS "workOrderNo", m.created_at AS "createdAt", m.read_at AS "readAt"`;

/** The map's reads: always within a list of organisation ids (the viewer's data scope). */
export class DispatchMapRepository {
  constructor(private readonly prisma: PrismaClient) {}

  staffInBox(box: GeoBox, orgIds: number[], limit: number): Promise<MapStaffRecord[]> {
    return this.prisma.$queryRaw<MapStaffRecord[]>`
      SELECT ${staffColumns}
      FROM staff_last_location l JOIN staff s ON s.id = l.staff_id JOIN organisation org ON org.id = s.organisation_id
      WHERE l.latitude BETWEEN ${box.south} AND ${box.north} AND l.longitude BETWEEN ${box.west} AND ${box.east}
        AND s.active AND s.organisation_id = ANY(${orgIds}::int[])
      ORDER BY s.staff_no LIMIT ${limit}`;
  }

  staffByIds(staffIds: number[], orgIds: number[]): Promise<MapStaffRecord[]> {
    return this.prisma.$queryRaw<MapStaffRecord[]>`
      SELECT ${staffColumns}
      FROM staff_last_location l JOIN staff s ON s.id = l.staff_id JOIN organisation org ON org.id = s.organisation_id
      WHERE l.staff_id = ANY(${staffIds}::int[]) AND s.active AND s.organisation_id = ANY(${orgIds}::int[])`;
  }

  workOrdersInBox(box: GeoBox, orgIds: number[], limit: number): Promise<MapWorkOrderRecord[]> {
    return this.prisma.$queryRaw<MapWorkOrderRecord[]>`
      SELECT ${workOrderColumns}
      FROM work_order w JOIN "order" o ON o.id = w.order_id JOIN workflow_step st ON st.id = w.step_id LEFT JOIN staff h ON h.id = w.staff_id
      WHERE w.state IN ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION') AND o.latitude BETWEEN ${box.south} AND ${box.north} AND o.longitude BETWEEN ${box.west} AND ${box.east}
        AND o.organisation_id = ANY(${orgIds}::int[])
      ORDER BY w.id DESC LIMIT ${limit}`;
  }

  /** In-flight work orders whose work-order or order number starts with `prefix`. */
  searchWorkOrders(prefix: string, orgIds: number[], limit: number): Promise<MapWorkOrderRecord[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.prisma.$queryRaw<MapWorkOrderRecord[]>`
      SELECT ${workOrderColumns}
      FROM work_order w JOIN "order" o ON o.id = w.order_id JOIN workflow_step st ON st.id = w.step_id LEFT JOIN staff h ON h.id = w.staff_id
      WHERE (w.work_order_no LIKE ${pattern} OR o.order_no LIKE ${pattern}) AND w.state IN ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION')
        AND o.latitude IS NOT NULL AND o.organisation_id = ANY(${orgIds}::int[])
      ORDER BY w.id DESC LIMIT ${limit}`;
  }

  staffInScope(staffIds: number[], orgIds: number[]): Promise<{ id: number; staffNo: string; name: string }[]> {
    return this.prisma.staff.findMany({ where: { id: { in: staffIds }, organisationId: { in: orgIds } }, select: { id: true, staffNo: true, name: true }, orderBy: { staffNo: 'asc' } });
  }

  trackPoints(staffId: number, from: Date, to: Date, limit: number): Promise<TrackPointRecord[]> {
    return this.prisma.$queryRaw<TrackPointRecord[]>`
      SELECT at, latitude, longitude, accuracy FROM staff_location
      WHERE staff_id = ${staffId} AND at BETWEEN ${from}::timestamp(3) AND ${to}::timestamp(3)
      ORDER BY at, id LIMIT ${limit}`;
  }

  /**
   * The staff member's claim, arrival and completion log lines in the range: found through the work
   * orders they hold (indexed by handler), then each order's log (indexed by order), never by
   * scanning the whole log for a staff id.
   */
  trackEvents(staffId: number, from: Date, to: Date): Promise<TrackEventRecord[]> {
    return this.prisma.$queryRaw<TrackEventRecord[]>`
      SELECT l.created_at AS at, l.action, l.work_order_id AS "workOrderId", w.work_order_no AS "workOrderNo", o.order_no AS "orderNo", l.detail
      FROM work_order w JOIN order_log l ON l.order_id = w.order_id AND l.work_order_id = w.id JOIN "order" o ON o.id = w.order_id
      WHERE w.staff_id = ${staffId} AND l.staff_id = ${staffId} AND l.action = ANY(${TRACK_ACTIONS}::text[])
        AND l.created_at BETWEEN ${from}::timestamp(3) AND ${to}::timestamp(3)
      ORDER BY l.created_at, l.id LIMIT 2000`;
  }

  messages(toStaffId: number, first: number, unreadOnly: boolean): Promise<StaffMessageRecord[]> {
    return this.prisma.$queryRaw<StaffMessageRecord[]>`
      SELECT ${messageColumns}
      FROM staff_message m JOIN staff t ON t.id = m.to_staff_id LEFT JOIN staff f ON f.id = m.from_staff_id LEFT JOIN work_order w ON w.id = m.work_order_id
      WHERE m.to_staff_id = ${toStaffId} AND (${!unreadOnly}::boolean OR m.read_at IS NULL)
      ORDER BY m.id DESC LIMIT ${first}`;
  }

  async message(id: bigint): Promise<StaffMessageRecord | null> {
    const rows = await this.prisma.$queryRaw<StaffMessageRecord[]>`
      SELECT ${messageColumns}
      FROM staff_message m JOIN staff t ON t.id = m.to_staff_id LEFT JOIN staff f ON f.id = m.from_staff_id LEFT JOIN work_order w ON w.id = m.work_order_id
      WHERE m.id = ${id}`;
    return rows[0] ?? null;
  }
}
