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
 * The statement of location ingestion: one fixed text with array parameters whatever the batch's
 * size, kept prepared on each connection as the hot path's SQL is. Its data-modifying parts (history,
 * newest position, device last seen) run as one statement, so they commit together without an
 * interactive transaction (a round trip each for BEGIN and COMMIT, and a wait for a transaction slot
 * under load). A newer fix only replaces the newest position: batches may arrive out of order (a
 * phone back online sends old fixes).
 */
const storeSql = (staffIds: number[], deviceIds: number[], ats: string[], latitudes: number[], longitudes: number[], accuracies: (number | null)[], receivedAt: Date) => prepared(Prisma.sql`
  WITH f AS (
    SELECT f.staff_id, f.device_id, f.at::timestamp(3) AS at, f.latitude, f.longitude, f.accuracy
    FROM unnest(${staffIds}::int[], ${deviceIds}::int[], ${ats}::text[], ${latitudes}::float8[], ${longitudes}::float8[], ${accuracies}::float8[])
      AS f (staff_id, device_id, at, latitude, longitude, accuracy)
  ), history AS (
    INSERT INTO staff_location (staff_id, device_id, at, latitude, longitude, accuracy, received_at)
    SELECT staff_id, device_id, at, latitude, longitude, accuracy, ${receivedAt}::timestamp(3) FROM f
  ), touched AS (
    UPDATE location_device SET last_seen_at = ${receivedAt}::timestamp(3) WHERE id IN (SELECT device_id FROM f)
  ), moved AS (
    INSERT INTO staff_last_location (staff_id, at, latitude, longitude)
    SELECT DISTINCT ON (staff_id) staff_id, at, latitude, longitude FROM f ORDER BY staff_id, at DESC
    ON CONFLICT (staff_id) DO UPDATE SET at = excluded.at, latitude = excluded.latitude, longitude = excluded.longitude
    WHERE staff_last_location.at < excluded.at
    RETURNING staff_id
  )
  SELECT staff_id AS "staffId" FROM moved`);

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
   * Stores accepted fixes of several devices in one statement (see `storeSql`). Returns the staff
   * whose newest position moved.
   */
  async store(batches: readonly DeviceFixes[], receivedAt: Date): Promise<number[]> {
    const staffIds: number[] = [];
    const deviceIds: number[] = [];
    const ats: string[] = [];
    const latitudes: number[] = [];
    const longitudes: number[] = [];
    const accuracies: (number | null)[] = [];
    for (const batch of batches) {
      for (const fix of batch.fixes) {
        staffIds.push(batch.staffId);
        deviceIds.push(batch.deviceId);
        ats.push(fix.at.toISOString());
        latitudes.push(fix.latitude);
        longitudes.push(fix.longitude);
        accuracies.push(fix.accuracy);
      }
    }
    if (staffIds.length === 0) return [];
    const moved = await this.prisma.$queryRaw<{ staffId: number }[]>(storeSql(staffIds, deviceIds, ats, latitudes, longitudes, accuracies, receivedAt));
    return moved.map((row) => row.staffId);
  }

  /** Deletes up to `limit` positions taken before `before`; returns how many. */
  async purgeBatch(before: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM staff_location WHERE id IN (SELECT id FROM staff_location WHERE at < ${before}::timestamp(3) ORDER BY at LIMIT ${limit})`;
  }
}
