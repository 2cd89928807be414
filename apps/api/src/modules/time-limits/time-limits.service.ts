import { TZDate } from '@date-fns/tz';
import type { Prisma, PrismaClient } from '@openiom/db';
import { addDays, format } from 'date-fns';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { LimitHours, OrderDueTimes, WorkOrderDueTimes } from './time-limits.types.ts';
import { WorkingCalendar } from './working-calendar.ts';
import type { AuditChange, AuditLog } from '../audit/audit.service.ts';

interface Snapshot {
  calendar: WorkingCalendar;
  /** organisation id → its chain of ids, itself first, up to the root */
  areaChains: Map<number, number[]>;
  orderLimits: Map<string, LimitHours>;
  /** `${workOrderType}/${stepCode}` and `${workOrderType}/` (any step) → limit */
  workOrderLimits: Map<string, LimitHours>;
}

/** Inside a transaction, reads go through it (an embedded database has one connection). */
type Db = PrismaClient | Prisma.TransactionClient;

const none: WorkOrderDueTimes = { acceptDueAt: null, warnAt: null, dueAt: null, nextAlarmAt: null };

/**
 * Order and work-order time limits (定单时限, 工单时限) counted on the working-day calendar. The
 * configuration is small and read on every transition, so it is held in memory and reloaded by
 * `refresh()` (static-data refresh) or when an unknown organisation shows up.
 */
export class TimeLimitsService {
  private snapshot: Promise<Snapshot> | null = null;

  /** Called after this process changed the configuration (other instances refresh too). */
  onChanged: () => void = () => undefined;
  /** Called after open deadlines were counted again: the alarm scanner should look now. */
  onRetimed: () => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly timeZone: string,
    private readonly organisations?: OrganisationsService,
    private readonly audit?: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private snapshotEntries = 0;

  /** Drops the cached configuration; the next use reads it again. */
  refresh(): void {
    this.snapshot = null;
    this.snapshotEntries = 0;
  }

  /** Calendar days, areas and limits held in memory (0 when nothing is loaded). */
  cachedEntries(): number {
    return this.snapshot ? this.snapshotEntries : 0;
  }

  async calendar(db: Db = this.prisma): Promise<WorkingCalendar> {
    return (await this.load(db)).calendar;
  }

  /** The organisation's chain of ids from itself up to the root (empty for none). */
  async areaChain(organisationId: number | null, db: Db = this.prisma): Promise<number[]> {
    if (organisationId === null) return [];
    let snapshot = await this.load(db);
    if (!snapshot.areaChains.has(organisationId)) {
      this.refresh();
      snapshot = await this.load(db);
    }
    return snapshot.areaChains.get(organisationId) ?? [];
  }

  async orderDueTimes(db: Db, orderType: string, organisationId: number | null, from: Date): Promise<OrderDueTimes> {
    const snapshot = await this.load(db);
    const limit = snapshot.orderLimits.get(orderType);
    if (!limit) return { warnAt: null, dueAt: null, nextAlarmAt: null };
    const chain = await this.areaChain(organisationId, db);
    const warnAt = snapshot.calendar.addWorkingHours(from, limit.warningHours, chain);
    const dueAt = snapshot.calendar.addWorkingHours(from, limit.processHours, chain);
    return { warnAt, dueAt, nextAlarmAt: earliest(warnAt, dueAt) };
  }

  async workOrderDueTimes(db: Db, workOrderType: string | null, stepCode: string, organisationId: number | null, from: Date): Promise<WorkOrderDueTimes> {
    if (workOrderType === null) return none;
    const snapshot = await this.load(db);
    const limit = snapshot.workOrderLimits.get(`${workOrderType}/${stepCode}`) ?? snapshot.workOrderLimits.get(`${workOrderType}/`);
    if (!limit) return none;
    const chain = await this.areaChain(organisationId, db);
    const acceptDueAt = limit.acceptHours ? snapshot.calendar.addWorkingHours(from, limit.acceptHours, chain) : null;
    const warnAt = snapshot.calendar.addWorkingHours(from, limit.warningHours, chain);
    const dueAt = snapshot.calendar.addWorkingHours(from, limit.processHours, chain);
    return { acceptDueAt, warnAt, dueAt, nextAlarmAt: earliest(acceptDueAt, warnAt, dueAt) };
  }

  /** The calendar of an area (null: all areas) day by day, with where each day's status comes from. */
  async calendarDays(viewer: ViewerRecord, from: string, to: string, organisationId: number | null) {
    if (viewer.staffId === null) throw new AppError('STAFF_NOT_SELECTED', 'Pick a staff number first (selectStaff).');
    if (organisationId !== null) await this.visibleOrganisation(viewer, organisationId);
    const chain = await this.areaChain(organisationId);
    const exceptions = await this.prisma.calendarDay.findMany({
      where: { date: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) }, OR: [{ organisationId: null }, { organisationId: { in: chain } }] },
      select: { organisationId: true, date: true, working: true, name: true },
    });
    const calendar = await this.calendar();
    const days = [];
    for (let day = new TZDate(`${from}T12:00:00`, this.timeZone); format(day, 'yyyy-MM-dd') <= to; day = addDays(day, 1)) {
      const date = format(day, 'yyyy-MM-dd');
      const mine = exceptions.filter((row) => row.date.toISOString().slice(0, 10) === date);
      const nearest = chain.map((id) => mine.find((row) => row.organisationId === id)).find(Boolean) ?? mine.find((row) => row.organisationId === null);
      days.push({
        date,
        working: calendar.isWorkingDay(date, chain, day.getDay()),
        name: nearest?.name ?? null,
        source: nearest ? (nearest.organisationId === null ? ('ALL_AREAS' as const) : ('AREA' as const)) : ('WEEK' as const),
      });
    }
    return days;
  }

  async orderLimits() {
    return this.prisma.orderTimeLimit.findMany({ orderBy: { orderType: 'asc' } });
  }

  async workOrderLimits() {
    const limits = await this.prisma.workOrderTimeLimit.findMany({ orderBy: [{ workOrderTypeCode: 'asc' }, { stepCode: 'asc' }] });
    return limits.map(({ id, workOrderTypeCode, ...limit }) => ({ ...limit, id: String(id), workOrderType: workOrderTypeCode }));
  }

  /** Sets (working true/false) or clears (null) calendar exceptions of an area or of all areas, in one transaction. */
  async setCalendarDays(viewer: ViewerRecord, organisationId: number | null, days: { date: string; working: boolean | null; name: string | null }[]): Promise<void> {
    assertCan(viewer, 'config:write');
    if (organisationId !== null) await this.visibleOrganisation(viewer, organisationId);
    await this.prisma.$transaction(async (tx) => {
      const changes: AuditChange[] = [];
      for (const day of days) {
        const date = new Date(`${day.date}T00:00:00Z`);
        // (organisation, date) is unique only for areas: NULL never equals NULL, so find first.
        const existing = await tx.calendarDay.findFirst({ where: { organisationId, date }, select: { id: true, working: true, name: true } });
        const before = existing ? { organisationId, date: day.date, working: existing.working, name: existing.name } : undefined;
        const after = day.working === null ? undefined : { organisationId, date: day.date, working: day.working, name: day.name };
        if (day.working === null) {
          if (existing) await tx.calendarDay.delete({ where: { id: existing.id } });
        } else if (existing) {
          await tx.calendarDay.update({ where: { id: existing.id }, data: { working: day.working, name: day.name } });
        } else {
          await tx.calendarDay.create({ data: { organisationId, date, working: day.working, name: day.name } });
        }
        if (before || after) changes.push({ action: 'calendar.set', entityType: 'CalendarDay', entityId: `${organisationId ?? '*'}:${day.date}`, summary: `${day.date} ${day.name ?? ''}`.trim(), before, after });
      }
      await this.audit?.recordMany(tx, viewer, changes);
    });
    this.changed();
    const dates = days.map((day) => day.date).sort();
    await this.retimeOpen(dates[0]!, dates.at(-1)!);
  }

  /**
   * After a calendar change: open orders and work orders whose time limits run across the changed
   * days get their deadlines counted again on the new calendar (a holiday added next week moves the
   * due times of everything still open that would have been worked on that day). Their next alarm
   * check is set to now, so the alarm scanner settles their time state at once — an order that is no
   * longer overdue turns back to normal, with a log line and an event, as any alarm change.
   * Runs in batches, each its own transaction; deadlines that end before the first changed day, and
   * rows created after the last one, are left alone.
   */
  async retimeOpen(fromDate: string, toDate: string, now: Date = this.now()): Promise<{ orders: number; workOrders: number }> {
    this.refresh();
    const from = new Date(`${fromDate}T00:00:00Z`);
    // Whole local days: a day ends at most 14 h after its UTC midnight, anywhere.
    const from0 = new Date(from.getTime() - 14 * 3_600_000);
    const until = new Date(new Date(`${toDate}T00:00:00Z`).getTime() + 38 * 3_600_000);
    const BATCH = 500;
    let workOrders = 0;
    for (let afterId = 0; ; ) {
      const rows = await this.prisma.workOrder.findMany({
        where: { id: { gt: afterId }, state: { in: ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] }, dueAt: { gte: from0 }, createdAt: { lt: until } },
        select: { id: true, createdAt: true, step: { select: { code: true, workOrderTypeCode: true } }, order: { select: { organisationId: true } } },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      await this.prisma.$transaction(async (tx) => {
        for (const row of rows) {
          const due = await this.workOrderDueTimes(tx, row.step.workOrderTypeCode, row.step.code, row.order.organisationId, row.createdAt);
          await tx.workOrder.update({ where: { id: row.id }, data: { acceptDueAt: due.acceptDueAt, warnAt: due.warnAt, dueAt: due.dueAt, nextAlarmAt: now } });
        }
      });
      workOrders += rows.length;
      afterId = rows.at(-1)!.id;
    }
    let orders = 0;
    for (let afterId = 0; ; ) {
      const rows = await this.prisma.order.findMany({
        where: { id: { gt: afterId }, state: 'EXECUTING', dueAt: { gte: from0 }, createdAt: { lt: until } },
        select: { id: true, orderType: true, organisationId: true, acceptedAt: true, createdAt: true },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      await this.prisma.$transaction(async (tx) => {
        for (const row of rows) {
          const start = row.acceptedAt < row.createdAt ? row.acceptedAt : row.createdAt;
          const due = await this.orderDueTimes(tx, row.orderType, row.organisationId, start);
          await tx.order.update({ where: { id: row.id }, data: { warnAt: due.warnAt, dueAt: due.dueAt, nextAlarmAt: now } });
        }
      });
      orders += rows.length;
      afterId = rows.at(-1)!.id;
    }
    if (orders + workOrders > 0) this.onRetimed();
    return { orders, workOrders };
  }

  async setOrderLimit(viewer: ViewerRecord, limit: { orderType: string; warningHours: number; processHours: number }): Promise<void> {
    assertCan(viewer, 'config:write');
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.orderTimeLimit.findUnique({ where: { orderType: limit.orderType } });
      await tx.orderTimeLimit.upsert({ where: { orderType: limit.orderType }, create: limit, update: limit });
      await this.audit?.record(tx, viewer, { action: 'order-time-limit.set', entityType: 'OrderTimeLimit', entityId: limit.orderType, summary: limit.orderType, before: before ?? undefined, after: limit });
    });
    this.changed();
  }

  async setWorkOrderLimit(viewer: ViewerRecord, limit: { workOrderType: string; stepCode: string | null; acceptHours: number; warningHours: number; processHours: number }): Promise<void> {
    assertCan(viewer, 'config:write');
    const type = await this.prisma.workOrderType.findUnique({ where: { code: limit.workOrderType }, select: { code: true } });
    if (!type) throw new AppError('BAD_USER_INPUT', `workOrderType: there is no work-order type "${limit.workOrderType}".`, { field: 'workOrderType' });
    const data = { workOrderTypeCode: limit.workOrderType, stepCode: limit.stepCode, acceptHours: limit.acceptHours, warningHours: limit.warningHours, processHours: limit.processHours };
    await this.prisma.$transaction(async (tx) => {
      const existing = await tx.workOrderTimeLimit.findFirst({ where: { workOrderTypeCode: limit.workOrderType, stepCode: limit.stepCode } });
      const saved = existing ? await tx.workOrderTimeLimit.update({ where: { id: existing.id }, data }) : await tx.workOrderTimeLimit.create({ data });
      const summary = limit.stepCode ? `${limit.workOrderType} / ${limit.stepCode}` : limit.workOrderType;
      await this.audit?.record(tx, viewer, { action: 'work-order-time-limit.set', entityType: 'WorkOrderTimeLimit', entityId: saved.id, summary, before: existing ?? undefined, after: saved });
    });
    this.changed();
  }

  async deleteOrderLimit(viewer: ViewerRecord, orderType: string): Promise<{ ok: true } | { ok: false; error: { code: string; message: string; field: string } }> {
    assertCan(viewer, 'config:write');
    const deleted = await this.prisma.$transaction(async (tx) => {
      const before = await tx.orderTimeLimit.findUnique({ where: { orderType } });
      if (!before) return false;
      await tx.orderTimeLimit.delete({ where: { orderType } });
      await this.audit?.record(tx, viewer, { action: 'order-time-limit.delete', entityType: 'OrderTimeLimit', entityId: orderType, summary: orderType, before });
      return true;
    });
    if (!deleted) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no order time limit for order type ${orderType}.`, field: 'orderType' } };
    this.changed();
    return { ok: true };
  }

  async deleteWorkOrderLimit(viewer: ViewerRecord, id: number): Promise<{ ok: true } | { ok: false; error: { code: string; message: string; field: string } }> {
    assertCan(viewer, 'config:write');
    const deleted = await this.prisma.$transaction(async (tx) => {
      const before = await tx.workOrderTimeLimit.findUnique({ where: { id } });
      if (!before) return false;
      await tx.workOrderTimeLimit.delete({ where: { id } });
      const summary = before.stepCode ? `${before.workOrderTypeCode} / ${before.stepCode}` : before.workOrderTypeCode;
      await this.audit?.record(tx, viewer, { action: 'work-order-time-limit.delete', entityType: 'WorkOrderTimeLimit', entityId: id, summary, before });
      return true;
    });
    if (!deleted) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no work-order time limit ${id}.`, field: 'id' } };
    this.changed();
    return { ok: true };
  }

  private changed(): void {
    this.refresh();
    this.onChanged();
  }

  private async visibleOrganisation(viewer: ViewerRecord, organisationId: number): Promise<void> {
    const organisation = await this.organisations?.findVisible(viewer, organisationId);
    if (!organisation) throw new AppError('BAD_USER_INPUT', `organisationId: organisation ${organisationId} does not exist or is outside your data permissions.`, { field: 'organisationId' });
  }

  private load(db: Db): Promise<Snapshot> {
    this.snapshot ??= this.read(db).catch((error: unknown) => {
      this.snapshot = null;
      throw error;
    });
    return this.snapshot;
  }

  private async read(db: Db): Promise<Snapshot> {
    const [days, organisations, orderLimits, workOrderLimits] = await Promise.all([
      db.calendarDay.findMany({ select: { organisationId: true, date: true, working: true } }),
      db.organisation.findMany({ select: { id: true, path: true } }),
      db.orderTimeLimit.findMany(),
      db.workOrderTimeLimit.findMany(),
    ]);
    this.snapshotEntries = days.length + organisations.length + orderLimits.length + workOrderLimits.length;
    return {
      // DATE columns come back as UTC midnight of that date.
      calendar: new WorkingCalendar(
        days.map((day) => ({ organisationId: day.organisationId, date: day.date.toISOString().slice(0, 10), working: day.working })),
        this.timeZone,
      ),
      areaChains: new Map(organisations.map((org) => [org.id, org.path.split('/').filter(Boolean).map(Number).reverse()])),
      orderLimits: new Map(orderLimits.map((limit) => [limit.orderType, limit])),
      workOrderLimits: new Map(workOrderLimits.map((limit) => [`${limit.workOrderTypeCode}/${limit.stepCode ?? ''}`, limit])),
    };
  }
}

function earliest(...times: (Date | null)[]): Date | null {
  const present = times.filter((time): time is Date => time !== null);
  return present.length === 0 ? null : new Date(Math.min(...present.map((time) => time.getTime())));
}
