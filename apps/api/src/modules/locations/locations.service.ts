import type { PrismaClient } from '@openiom/db';
import type { ApiConfig } from '../../config.ts';
import { BackgroundLoop } from '../../lib/background-loop.ts';
import { logger } from '../../lib/logger.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { judgeFixes, type RawFix, type Rejection } from './location-fixes.ts';
import { LocationsRepository, type DeviceFixes, type LocationDeviceRecord } from './locations.repository.ts';

/** Largest batch one report may carry. */
export const MAX_FIXES_PER_REPORT = 1000;
/** Positions deleted per statement by the retention purge (short transactions beside the ingestion). */
const PURGE_BATCH = 5000;
/** Staff-location events are coalesced for this long: at 1,000 staff reporting every 10 s that is ~5 events/s, not 100. */
const PUBLISH_EVERY_MS = 200;

export interface ReportOutcome {
  accepted: number;
  rejected: Rejection[];
}

/**
 * Location ingestion (定位上报): devices registered to staff members report batches of fixes; good
 * fixes go to the history (track playback) and the newest position (live map), bad ones are refused
 * one by one. Live-map events are published straight to pub/sub after the commit, coalesced, not
 * through the outbox: they are high-rate, each supersedes the last, and a lost one only delays a
 * marker until the next report (devices report every few seconds), so an outbox row per batch
 * would double the writes for nothing (as `switch.batch-changed` and `dunning.changed` do).
 */
export class LocationsService {
  readonly repository: LocationsRepository;
  readonly purgeLoop: BackgroundLoop;
  private pendingStaff = new Set<number>();
  private publishTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    private readonly audit: AuditLog,
    private readonly config: ApiConfig['locations'],
    private readonly now: () => Date,
  ) {
    this.repository = new LocationsRepository(prisma);
    this.purgeLoop = new BackgroundLoop('location retention purge', async () => (await this.purgeStep()) === PURGE_BATCH, config.purgeMs);
  }

  /** A batch from the viewer's own device: each bad fix refused with its index, the rest stored. */
  async report(viewer: ViewerRecord, deviceCode: string, fixes: readonly RawFix[]): Promise<ReportOutcome> {
    const device = await this.repository.deviceOf(viewer.staffId!, deviceCode);
    const { accepted, rejected } = judgeFixes(deviceCode, device, fixes, { now: this.now(), maxSkewMs: this.config.maxSkewMs, retentionDays: this.config.retentionDays });
    if (device && accepted.length > 0) await this.store([{ deviceId: device.id, staffId: device.staffId, fixes: accepted }]);
    return { accepted: accepted.length, rejected };
  }

  /** Stores fixes already judged (the report above, and the built-in simulator for many devices at once). */
  async store(batches: readonly DeviceFixes[]): Promise<void> {
    const moved = await this.repository.store(batches, this.now());
    for (const staffId of moved) this.pendingStaff.add(staffId);
    if (moved.length > 0 && !this.publishTimer) {
      this.publishTimer = setTimeout(() => this.flushEvents(), PUBLISH_EVERY_MS);
      this.publishTimer.unref();
    }
  }

  /** Publishes the staff whose newest position moved since the last event. */
  flushEvents(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    if (this.pendingStaff.size === 0) return;
    const staffIds = [...this.pendingStaff];
    this.pendingStaff = new Set();
    void this.pubsub.publish('staff.locations-changed', { staffIds }).catch((error: Error) => logger.warn('staff-location event not published', { message: error.message }));
  }

  myDevices(viewer: ViewerRecord): Promise<LocationDeviceRecord[]> {
    return this.repository.devicesOfStaff(viewer.staffId!);
  }

  /** Registers a device for the viewer's own staff number (registering it again changes nothing). */
  registerMine(viewer: ViewerRecord, deviceCode: string): Promise<Outcome<LocationDeviceRecord>> {
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const existing = await this.repository.deviceByCode(tx, deviceCode);
        if (existing && existing.staffId !== viewer.staffId) throw new Refusal('DEVICE_TAKEN', `Device "${deviceCode}" is registered to someone else; an administrator can move it.`, 'deviceCode');
        if (existing) return existing;
        const device = await this.repository.upsertDevice(tx, deviceCode, viewer.staffId!, true);
        await this.audit.record(tx, viewer, { action: 'location-device.create', entityType: 'location-device', entityId: device.id, summary: `${deviceCode} → ${device.staffNo}`, after: device });
        return device;
      }),
    );
  }

  /** Registers a device for any staff member, moves it to them, or switches it on or off (administrators). */
  register(viewer: ViewerRecord, input: { deviceCode: string; staffNo: string; active: boolean }): Promise<Outcome<LocationDeviceRecord>> {
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const staff = await tx.staff.findUnique({ where: { staffNo: input.staffNo }, select: { id: true } });
        if (!staff) throw new Refusal('STAFF_NOT_FOUND', `No staff member has the number ${input.staffNo}.`, 'staffNo');
        const before = await this.repository.deviceByCode(tx, input.deviceCode);
        const row = await tx.locationDevice.upsert({ where: { deviceCode: input.deviceCode }, create: { deviceCode: input.deviceCode, staffId: staff.id, active: input.active }, update: { staffId: staff.id, active: input.active }, select: { id: true } });
        const after = (await this.repository.deviceByCode(tx, input.deviceCode))!;
        await this.audit.record(tx, viewer, { action: before ? 'location-device.update' : 'location-device.create', entityType: 'location-device', entityId: row.id, summary: `${input.deviceCode} → ${input.staffNo}${input.active ? '' : ' (off)'}`, before: before ?? undefined, after });
        return after;
      }),
    );
  }

  /** Deletes one batch of positions older than the retention; returns how many. */
  async purgeStep(): Promise<number> {
    const before = new Date(this.now().getTime() - this.config.retentionDays * 86_400_000);
    const deleted = await this.repository.purgeBatch(before, PURGE_BATCH);
    if (deleted > 0) logger.info('purged old staff positions', { deleted, before: before.toISOString() });
    return deleted;
  }

  /** Stops the purge; positions not yet announced are dropped (the process is going away; screens re-read on reconnect). */
  async stop(): Promise<void> {
    await this.purgeLoop.stop();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    this.pendingStaff.clear();
  }
}
