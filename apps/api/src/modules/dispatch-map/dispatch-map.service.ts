import type { PrismaClient } from '@openiom/db';
import { enqueueEvent, type OutboxRelay } from '../../pubsub/outbox.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { DispatchMapRepository } from './dispatch-map.repository.ts';
import type { GeoBox, MapStaffRecord, MapWorkOrderRecord, StaffMessageRecord, StaffTrackRecord } from './dispatch-map.types.ts';

/** Staff returned per box at most (a city's installers fit many times over). */
const MAX_STAFF = 5000;
/** Points per staff track at most (a fix every 10 s for 2½ days). */
export const MAX_TRACK_POINTS = 20_000;

/**
 * The dispatch map (综合调度台): staff and work orders inside a box, work-order search, track
 * playback, and messages to staff. Everything is limited to the viewer's data scope (organisations
 * under their data permissions); the guard has checked the menu and action.
 */
export class DispatchMapService {
  readonly repository: DispatchMapRepository;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
  ) {
    this.repository = new DispatchMapRepository(prisma);
  }

  private scope(viewer: ViewerRecord): Promise<number[]> {
    return this.organisations.idsInScope(viewer.scope, null);
  }

  async items(viewer: ViewerRecord, box: GeoBox, limit: number): Promise<{ staff: MapStaffRecord[]; workOrders: MapWorkOrderRecord[]; truncated: boolean }> {
    const orgIds = await this.scope(viewer);
    const staff = await this.repository.staffInBox(box, orgIds, MAX_STAFF);
    const workOrders = await this.repository.workOrdersInBox(box, orgIds, limit + 1);
    return { staff, workOrders: workOrders.slice(0, limit), truncated: workOrders.length > limit };
  }

  /** Newest positions of these staff, those in the viewer's scope only (live updates). */
  async staffPositions(viewer: ViewerRecord, staffIds: number[]): Promise<MapStaffRecord[]> {
    return this.repository.staffByIds(staffIds, await this.scope(viewer));
  }

  async search(viewer: ViewerRecord, text: string): Promise<MapWorkOrderRecord[]> {
    return this.repository.searchWorkOrders(text, await this.scope(viewer), 20);
  }

  /** Tracks of staff in the viewer's scope (others are left out, as if they had no positions). */
  async tracks(viewer: ViewerRecord, staffIds: number[], from: Date, to: Date): Promise<StaffTrackRecord[]> {
    const staff = await this.repository.staffInScope(staffIds, await this.scope(viewer));
    const tracks: StaffTrackRecord[] = [];
    for (const member of staff) {
      const points = await this.repository.trackPoints(member.id, from, to, MAX_TRACK_POINTS + 1);
      const events = await this.repository.trackEvents(member.id, from, to);
      tracks.push({ staffId: member.id, staffNo: member.staffNo, name: member.name, points: points.slice(0, MAX_TRACK_POINTS), events, truncated: points.length > MAX_TRACK_POINTS });
    }
    return tracks;
  }

  /** One message to each receiver (all in the viewer's scope), delivered live through the outbox. */
  send(viewer: ViewerRecord, input: { staffIds: number[]; text: string; workOrderId: number | null }): Promise<Outcome<number>> {
    return outcomeOf(async () => {
      const orgIds = await this.scope(viewer);
      const receivers = await this.repository.staffInScope(input.staffIds, orgIds);
      if (receivers.length !== new Set(input.staffIds).size) {
        const found = new Set(receivers.map((r) => r.id));
        throw new Refusal('NOT_IN_SCOPE', `Staff ${input.staffIds.filter((id) => !found.has(id)).join(', ')} do not exist or are outside your data permissions.`, 'staffIds');
      }
      if (input.workOrderId !== null) {
        const workOrder = await this.prisma.workOrder.findUnique({ where: { id: input.workOrderId }, select: { order: { select: { organisationId: true } } } });
        if (!workOrder || workOrder.order.organisationId === null || !orgIds.includes(workOrder.order.organisationId)) throw new Refusal('WORK_ORDER_NOT_FOUND', `Work order ${input.workOrderId} does not exist or is outside your data permissions.`, 'workOrderId');
      }
      const sent = await this.prisma.$transaction(async (tx) => {
        const ids: bigint[] = [];
        for (const receiver of receivers) {
          const row = await tx.staffMessage.create({ data: { fromStaffId: viewer.staffId, toStaffId: receiver.id, text: input.text, workOrderId: input.workOrderId }, select: { id: true } });
          ids.push(row.id);
          await enqueueEvent(tx, 'staff.message-sent', { messageId: String(row.id), toStaffId: receiver.id });
        }
        await this.audit.record(tx, viewer, { action: 'staff-message.send', entityType: 'staff-message', entityId: String(ids[0]), summary: `to ${receivers.map((r) => r.staffNo).join(', ')}: ${input.text.slice(0, 80)}`, after: { to: receivers.map((r) => r.staffNo), text: input.text, workOrderId: input.workOrderId } });
        return ids.length;
      });
      void this.relay.kick();
      return sent;
    });
  }

  myMessages(viewer: ViewerRecord, first: number, unreadOnly: boolean): Promise<StaffMessageRecord[]> {
    return this.repository.messages(viewer.staffId!, first, unreadOnly);
  }

  /** A message, when it was sent to the viewer. */
  async messageFor(viewer: ViewerRecord, id: bigint): Promise<StaffMessageRecord | null> {
    const message = await this.repository.message(id);
    return message && message.toStaffId === viewer.staffId ? message : null;
  }

  async markRead(viewer: ViewerRecord, upToId: bigint, now: Date): Promise<number> {
    const result = await this.prisma.staffMessage.updateMany({ where: { toStaffId: viewer.staffId!, id: { lte: upToId }, readAt: null }, data: { readAt: now } });
    return result.count;
  }
}
