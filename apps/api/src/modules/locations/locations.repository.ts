import { Prisma, prepared, type PrismaClient } from '@openiom/db';
import type { DeviceState, RawFix } from './location-fixes.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Fixes of one device, accepted, to store. */
export interface DeviceFixes {
  deviceId: number;
  staffId: number;
  fixes: readonly RawFix[];
}

export interface LocationDeviceRecord {
  id: number;
  deviceCode: string;
  staffId: number;
  staffNo: string;
  active: boolean;
  createdAt: Date;
  lastSeenAt: Date | null;
}

const deviceSelect = { id: true, deviceCode: true, staffId: true, active: true, createdAt: true, lastSeenAt: true, staff: { select: { staffNo: true } } } as const;
type DeviceRow = Prisma.LocationDeviceGetPayload<{ select: typeof deviceSelect }>;
const toDevice = (row: DeviceRow): LocationDeviceRecord => ({ id: row.id, deviceCode: row.deviceCode, staffId: row.staffId, staffNo: row.staff.staffNo, active: row.active, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt });

/**
 * The statements of location ingestion: fixed texts with array parameters (one multi-row insert
 * per batch whatever its size), kept prepared on each connection as the hot path's SQL is.
 */
const sql = {
  insertHistory: (staffIds: number[], deviceIds: number[], ats: string[], latitudes: number[], longitudes: number[], accuracies: (number | null)[], receivedAt: Date) => prepared(Prisma.sql`
    INSERT INTO staff_location (staff_id, device_id, at, latitude, longitude, accuracy, received_at)
    SELECT f.staff_id, f.device_id, f.at::timestamp(3), f.latitude, f.longitude, f.accuracy, ${receivedAt}::timestamp(3)
    FROM unnest(${staffIds}::int[], ${deviceIds}::int[], ${ats}::text[], ${latitudes}::float8[], ${longitudes}::float8[], ${accuracies}::float8[])
      AS f (staff_id, device_id, at, latitude, longitude, accuracy)`),
  // Only a newer fix replaces the newest: batches may arrive out of order (a phone back online).
  upsertLast: (staffIds: number[], ats: string[], latitudes: number[], longitudes: number[]) => prepared(Prisma.sql`
    INSERT INTO staff_last_location (staff_id, at, latitude, longitude)
    SELECT f.staff_id, f.at::timestamp(3), f.latitude, f.longitude
    FROM unnest(${staffIds}::int[], ${ats}::text[], ${latitudes}::float8[], ${longitudes}::float8[]) AS f (staff_id, at, latitude, longitude)
    ON CONFLICT (staff_id) DO UPDATE SET at = excluded.at, latitude = excluded.latitude, longitude = excluded.longitude
    WHERE staff_last_location.at < excluded.at
    RETURNING staff_id AS "staffId"`),
  touchDevices: (deviceIds: number[], seenAt: Date) => prepared(Prisma.sql`UPDATE location_device SET last_seen_at = ${seenAt}::timestamp(3) WHERE id = ANY(${deviceIds}::int[])`),
};

export class LocationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The device with this code if it is registered to `staffId`; null otherwise (unknown, or someone else's). */
  async deviceOf(staffId: number, deviceCode: string): Promise<DeviceState | null> {
    const row = await this.prisma.locationDevice.findUnique({ where: { deviceCode }, select: { id: true, staffId: true, active: true } });
    return row && row.staffId === staffId ? row : null;
  }

  async devicesOfStaff(staffId: number): Promise<LocationDeviceRecord[]> {
    return (await this.prisma.locationDevice.findMany({ where: { staffId }, select: deviceSelect, orderBy: { id: 'asc' } })).map(toDevice);
  }

  async deviceByCode(db: Db, deviceCode: string): Promise<LocationDeviceRecord | null> {
    const row = await db.locationDevice.findUnique({ where: { deviceCode }, select: deviceSelect });
    return row ? toDevice(row) : null;
  }

  async upsertDevice(db: Db, deviceCode: string, staffId: number, active: boolean): Promise<LocationDeviceRecord> {
    return toDevice(await db.locationDevice.upsert({ where: { deviceCode }, create: { deviceCode, staffId, active }, update: { active }, select: deviceSelect }));
  }

  /**
   * Stores accepted fixes of several devices in one transaction: the history in one multi-row
   * insert, each staff member's newest position, the devices' last-seen time. Returns the staff
   * whose newest position moved.
   */
  async store(batches: readonly DeviceFixes[], receivedAt: Date): Promise<number[]> {
    const staffIds: number[] = [];
    const deviceIds: number[] = [];
    const ats: string[] = [];
    const latitudes: number[] = [];
    const longitudes: number[] = [];
    const accuracies: (number | null)[] = [];
    const newest = new Map<number, RawFix>();
    for (const batch of batches) {
      for (const fix of batch.fixes) {
        staffIds.push(batch.staffId);
        deviceIds.push(batch.deviceId);
        ats.push(fix.at.toISOString());
        latitudes.push(fix.latitude);
        longitudes.push(fix.longitude);
        accuracies.push(fix.accuracy);
        const known = newest.get(batch.staffId);
        if (!known || known.at < fix.at) newest.set(batch.staffId, fix);
      }
    }
    if (staffIds.length === 0) return [];
    const last = [...newest.entries()];
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw(sql.insertHistory(staffIds, deviceIds, ats, latitudes, longitudes, accuracies, receivedAt));
      const moved = await tx.$queryRaw<{ staffId: number }[]>(
        sql.upsertLast(
          last.map(([staffId]) => staffId),
          last.map(([, fix]) => fix.at.toISOString()),
          last.map(([, fix]) => fix.latitude),
          last.map(([, fix]) => fix.longitude),
        ),
      );
      await tx.$executeRaw(sql.touchDevices([...new Set(deviceIds)], receivedAt));
      return moved.map((row) => row.staffId);
    });
  }

  /** Deletes up to `limit` positions taken before `before`; returns how many. */
  async purgeBatch(before: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM staff_location WHERE id IN (SELECT id FROM staff_location WHERE at < ${before}::timestamp(3) ORDER BY at LIMIT ${limit})`;
  }
}
