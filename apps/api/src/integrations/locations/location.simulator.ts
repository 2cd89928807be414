import type { PrismaClient } from '@openiom/db';
import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { LocationsService } from '../../modules/locations/locations.service.ts';
import { demoGridBoxes, type GeoBox } from '../geocoder/demo-area.ts';

/** Roughly 25 km/h through city streets, in metres per second. */
const SPEED_MPS = 7;
const METRES_PER_DEGREE_LAT = 111_320;
/** Refresh the list of moving staff (teams change, new installers) every this many ticks. */
const RELOAD_EVERY_TICKS = 24;

interface Mover {
  staffId: number;
  deviceId: number;
  box: GeoBox;
  latitude: number;
  longitude: number;
  /** Where they are heading (a work order's address or a point of their grid). */
  target: { latitude: number; longitude: number };
  /** Ticks left standing at a customer's address before heading on. */
  dwell: number;
}

/**
 * The demo's moving installers (定位模拟): every member of an active installation team whose grid is
 * on the demo map gets a device `SIM-<staff number>` and drives around its grid: along the street
 * grid (east–west first, then north–south) to an in-flight work order's address of that grid or, when
 * there is none, to a random spot, stands there a while, then heads on. Each tick reports one fix per
 * installer through the same ingestion as real devices. Started when
 * `config.locations.simulator.enabled` (`OPENIOM_LOCATION_SIMULATOR=off` switches it off).
 */
export class LocationSimulator {
  private loop: BackgroundLoop | null = null;
  private movers = new Map<number, Mover>();
  private ticks = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly locations: LocationsService,
    private readonly intervalMs: number,
    private readonly now: () => Date,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.loop = new BackgroundLoop(
      'location simulator',
      async () => {
        await this.tick();
        return false;
      },
      this.intervalMs,
    );
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
  }

  /** One step of every installer: move, then report the new positions in one batch. */
  async tick(): Promise<number> {
    if (this.ticks++ % RELOAD_EVERY_TICKS === 0) await this.reload();
    if (this.movers.size === 0) return 0;
    const targets = await this.orderSpots();
    const at = this.now();
    const stepMetres = (SPEED_MPS * this.intervalMs) / 1000;
    const batches = [];
    for (const mover of this.movers.values()) {
      this.move(mover, stepMetres, targets.get(gridKey(mover.box)) ?? []);
      const accuracy = Math.round(5 + this.random() * 15);
      batches.push({ deviceId: mover.deviceId, staffId: mover.staffId, fixes: [{ at, latitude: round(mover.latitude), longitude: round(mover.longitude), accuracy }] });
    }
    await this.locations.store(batches);
    return batches.length;
  }

  private move(mover: Mover, stepMetres: number, spots: readonly { latitude: number; longitude: number }[]): void {
    if (mover.dwell > 0) {
      mover.dwell--;
      return;
    }
    const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((mover.latitude * Math.PI) / 180);
    let left = stepMetres;
    // East–west first, then north–south: how a car follows a street grid.
    const dLon = mover.target.longitude - mover.longitude;
    const lonMetres = Math.abs(dLon) * metresPerDegreeLon;
    if (lonMetres > 0) {
      const go = Math.min(left, lonMetres);
      mover.longitude += (Math.sign(dLon) * go) / metresPerDegreeLon;
      left -= go;
    }
    const dLat = mover.target.latitude - mover.latitude;
    const latMetres = Math.abs(dLat) * METRES_PER_DEGREE_LAT;
    if (left > 0 && latMetres > 0) {
      const go = Math.min(left, latMetres);
      mover.latitude += (Math.sign(dLat) * go) / METRES_PER_DEGREE_LAT;
      left -= go;
    }
    if (left > 0) {
      // Arrived: stand at the address for 1–6 ticks, then pick the next destination.
      mover.dwell = 1 + Math.floor(this.random() * 6);
      mover.target = spots.length > 0 && this.random() < 0.7 ? spots[Math.floor(this.random() * spots.length)]! : this.pointIn(mover.box);
    }
  }

  private pointIn(box: GeoBox): { latitude: number; longitude: number } {
    return { latitude: box.south + (box.north - box.south) * (0.05 + 0.9 * this.random()), longitude: box.west + (box.east - box.west) * (0.05 + 0.9 * this.random()) };
  }

  /** Members of active teams on the demo map, each with a simulated device (registered here if missing). */
  private async reload(): Promise<void> {
    const members = await this.prisma.teamMember.findMany({
      where: { team: { active: true, organisation: { code: { in: Object.keys(demoGridBoxes) } } }, staff: { active: true } },
      select: { staffId: true, staff: { select: { staffNo: true, lastLocation: { select: { latitude: true, longitude: true } } } }, team: { select: { organisation: { select: { code: true } } } } },
    });
    const next = new Map<number, Mover>();
    for (const member of members) {
      const box = demoGridBoxes[member.team.organisation.code]!;
      const known = this.movers.get(member.staffId);
      if (known) {
        next.set(member.staffId, known);
        continue;
      }
      const deviceCode = `SIM-${member.staff.staffNo}`;
      const device = await this.prisma.locationDevice.upsert({ where: { deviceCode }, create: { deviceCode, staffId: member.staffId }, update: {}, select: { id: true, staffId: true, active: true } });
      if (device.staffId !== member.staffId || !device.active) continue;
      const last = member.staff.lastLocation;
      const start = last && inside(box, last) ? last : this.pointIn(box);
      next.set(member.staffId, { staffId: member.staffId, deviceId: device.id, box, latitude: start.latitude, longitude: start.longitude, target: this.pointIn(box), dwell: 0 });
    }
    this.movers = next;
  }

  /** Addresses of in-flight work orders, by grid (at most 30 per grid), for the installers to drive to. */
  private async orderSpots(): Promise<Map<string, { latitude: number; longitude: number }[]>> {
    const rows = await this.prisma.$queryRaw<{ code: string; latitude: number; longitude: number }[]>`
      SELECT code, latitude, longitude FROM (
        SELECT org.code, o.latitude, o.longitude, row_number() OVER (PARTITION BY org.code ORDER BY o.id DESC) AS n
        FROM "order" o JOIN organisation org ON org.id = o.organisation_id
        WHERE o.state = 'EXECUTING' AND o.latitude IS NOT NULL AND org.level = 'GRID'
      ) spots WHERE n <= 30`;
    const byGrid = new Map<string, { latitude: number; longitude: number }[]>();
    for (const row of rows) {
      const box = demoGridBoxes[row.code];
      if (!box || !inside(box, row)) continue;
      const key = gridKey(box);
      if (!byGrid.has(key)) byGrid.set(key, []);
      byGrid.get(key)!.push({ latitude: row.latitude, longitude: row.longitude });
    }
    return byGrid;
  }
}

function inside(box: GeoBox, point: { latitude: number; longitude: number }): boolean {
  return point.latitude >= box.south && point.latitude <= box.north && point.longitude >= box.west && point.longitude <= box.east;
}

function gridKey(box: GeoBox): string {
  return `${box.west},${box.south}`;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
