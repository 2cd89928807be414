import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { toConnection, type ConnectionRecord } from '../../lib/connection.ts';
import { keyset } from '../../lib/keyset.ts';
import { likeLiteral } from '../../lib/like.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** One change to record: what was done to which record, and the record before and after. */
export interface AuditChange {
  /** `<entity>.<verb>`, e.g. `position.create`, `calendar.set`, `dispatch-rule.delete`. */
  action: string;
  entityType: string;
  entityId: string | number;
  /** One line for people, e.g. the record's name. */
  summary?: string;
  /** The record before the change; absent for a creation. */
  before?: unknown;
  /** The record after the change; absent for a deletion. */
  after?: unknown;
}

export interface AuditFilter {
  from: Date | null;
  to: Date | null;
  staffNo: string | null;
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  /** Contained in the summary, any case. */
  text: string | null;
}

export interface AuditEntryRecord {
  id: number;
  at: Date;
  staffNo: string;
  staffName: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
}

export type AuditEntryConnectionRecord = ConnectionRecord<AuditEntryRecord>;

const entryList = keyset<AuditEntryRecord>('audit', 'AT', { field: 'at', type: 'date' }, 'DESC');

/**
 * The audit log (操作日志) of system management and configuration. `record` is called with the
 * transaction that makes the change, so a change and its entry commit or roll back together.
 */
export class AuditLog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date,
  ) {}

  /** Records an action that changes nothing in the database (e.g. a cache refresh) on its own. */
  async recordAction(viewer: ViewerRecord, change: AuditChange): Promise<void> {
    await this.record(this.prisma, viewer, change);
  }

  async record(db: Db, viewer: ViewerRecord, change: AuditChange): Promise<void> {
    await this.recordMany(db, viewer, [change]);
  }

  async recordMany(db: Db, viewer: ViewerRecord, changes: readonly AuditChange[]): Promise<void> {
    if (changes.length === 0) return;
    const staff = viewer.staffId === null ? null : await db.staff.findUnique({ where: { id: viewer.staffId }, select: { staffNo: true, name: true } });
    const at = this.now();
    await db.auditEntry.createMany({
      data: changes.map((change) => ({
        at,
        staffId: viewer.staffId,
        staffNo: staff?.staffNo ?? viewer.loginName,
        staffName: staff?.name ?? viewer.loginName,
        action: change.action,
        entityType: change.entityType,
        entityId: String(change.entityId),
        summary: change.summary ?? '',
        before: toJson(change.before),
        after: toJson(change.after),
      })),
    });
  }

  search(viewer: ViewerRecord, filter: AuditFilter, first: number, after: string | null): Promise<ConnectionRecord<AuditEntryRecord>> {
    assertCan(viewer, 'audit:read');
    const where: Prisma.AuditEntryWhereInput[] = [];
    if (filter.from) where.push({ at: { gte: filter.from } });
    if (filter.to) where.push({ at: { lt: filter.to } });
    if (filter.staffNo) where.push({ staffNo: filter.staffNo });
    if (filter.action) where.push({ action: filter.action });
    if (filter.entityType) where.push({ entityType: filter.entityType });
    if (filter.entityId) where.push({ entityId: filter.entityId });
    if (filter.text) where.push({ summary: { contains: likeLiteral(filter.text), mode: 'insensitive' } });
    return this.page(where, first, after);
  }

  private async page(where: Prisma.AuditEntryWhereInput[], first: number, after: string | null): Promise<ConnectionRecord<AuditEntryRecord>> {
    const rows = await this.prisma.auditEntry.findMany({
      where: { AND: [...where, ...(entryList.after(after) as Prisma.AuditEntryWhereInput[])] },
      orderBy: entryList.orderBy as Prisma.AuditEntryOrderByWithRelationInput[],
      take: first + 1,
      select: { id: true, at: true, staffNo: true, staffName: true, action: true, entityType: true, entityId: true, summary: true, before: true, after: true },
    });
    return toConnection(entryList.page(rows, first, after), (limit) => this.prisma.auditEntry.count({ where: { AND: where }, take: limit }));
  }
}

/** Plain JSON of a record: dates as ISO text, bigints as text, `undefined` as SQL NULL. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Prisma.InputJsonValue;
}
