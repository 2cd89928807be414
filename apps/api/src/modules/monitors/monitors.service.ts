import type { CrmMessageState, ExternalSystem, InterfaceRequestState, Prisma, PrismaClient } from '@openiom/db';
import { AppError } from '../../errors/app-error.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { assertCan } from '../../auth/authorize.ts';
import { interfaceRequestSelect } from '../orders/orders.repository.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { InterfaceMonitorRowRecord, PreAlarmRowRecord } from './monitors.types.ts';

const interfaceOfSystem: Record<ExternalSystem, InterfaceMonitorRowRecord['interface']> = { RESOURCE: 'RESOURCE', PROVISIONING: 'PROVISIONING', CRM: 'CRM_OUTBOUND' };

/** The system monitors (系统监控): pre-alarm monitor and interface monitor, with their drill-downs. */
export class MonitorsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * Open, warning and overdue counts of orders and work orders for an organisation's subtree and for
   * each organisation directly below it. Without an organisation: the top of the viewer's scope.
   */
  async preAlarm(viewer: ViewerRecord, organisationId: number | null): Promise<PreAlarmRowRecord[]> {
    assertCan(viewer, 'orders:read');
    let ids: number[];
    if (organisationId !== null) {
      const organisation = await this.organisations.findVisible(viewer, organisationId);
      if (!organisation) throw new AppError('NOT_FOUND', `organisationId: organisation ${organisationId} does not exist or is outside your data permissions.`, { field: 'organisationId' });
      const children = await this.prisma.organisation.findMany({ where: { parentId: organisationId }, select: { id: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
      ids = [organisationId, ...children.map((child) => child.id)];
    } else {
      const tops = await this.prisma.organisation.findMany({ where: { path: { in: viewer.scope.orgPaths } }, select: { id: true }, orderBy: { id: 'asc' } });
      ids = tops.map((top) => top.id);
    }
    if (ids.length === 0) return [];
    const rows = await this.prisma.$queryRaw<{ organisation_id: number; subject: 'ORDER' | 'WORK_ORDER'; executing: number; warning: number; overdue: number; accept_overdue: number }[]>`
      WITH area AS (
        SELECT c.id AS organisation_id, a.id AS member_id
        FROM organisation c JOIN organisation a ON a.path LIKE c.path || '%'
        WHERE c.id = ANY(${ids})
      )
      SELECT area.organisation_id, 'ORDER' AS subject,
        count(*)::int AS executing,
        count(*) FILTER (WHERE o.time_state = 'WARNING')::int AS warning,
        count(*) FILTER (WHERE o.time_state = 'OVERDUE')::int AS overdue,
        0 AS accept_overdue
      FROM area JOIN "order" o ON o.organisation_id = area.member_id AND o.state = 'EXECUTING'
      GROUP BY area.organisation_id
      UNION ALL
      SELECT area.organisation_id, 'WORK_ORDER' AS subject,
        count(*)::int,
        count(*) FILTER (WHERE w.time_state = 'WARNING')::int,
        count(*) FILTER (WHERE w.time_state = 'OVERDUE')::int,
        count(*) FILTER (WHERE w.accept_overdue AND w.state = 'PENDING')::int
      FROM area
        JOIN "order" o ON o.organisation_id = area.member_id AND o.state = 'EXECUTING'
        JOIN work_order w ON w.order_id = o.id AND w.state IN ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION')
      GROUP BY area.organisation_id`;
    const found = new Map(rows.map((row) => [`${row.organisation_id}/${row.subject}`, row]));
    // Every organisation gets both rows, zeros included, in the order asked for.
    return ids.flatMap((id) =>
      (['ORDER', 'WORK_ORDER'] as const).map((subject) => {
        const row = found.get(`${id}/${subject}`);
        return { organisationId: id, subject, executing: row?.executing ?? 0, warning: row?.warning ?? 0, overdue: row?.overdue ?? 0, acceptOverdue: row?.accept_overdue ?? 0 };
      }),
    );
  }

  /** Success, failure and pending counts per interface and request kind (switch commands: per action). */
  async interfaceCounts(viewer: ViewerRecord): Promise<InterfaceMonitorRowRecord[]> {
    assertCan(viewer, 'interfaces:monitor');
    const [requests, inbound, switchCommands] = await Promise.all([
      this.prisma.interfaceRequest.groupBy({ by: ['system', 'kind', 'state'], _count: { _all: true } }),
      this.prisma.crmInboundMessage.groupBy({ by: ['state'], _count: { _all: true } }),
      this.prisma.switchCommand.groupBy({ by: ['action', 'state'], _count: { _all: true } }),
    ]);
    const rows = new Map<string, InterfaceMonitorRowRecord>();
    const row = (name: InterfaceMonitorRowRecord['interface'], kind: string) => {
      const key = `${name}/${kind}`;
      if (!rows.has(key)) rows.set(key, { interface: name, kind, succeeded: 0, failed: 0, pending: 0 });
      return rows.get(key) as InterfaceMonitorRowRecord;
    };
    const inboundRow = row('CRM_INBOUND', 'ORDER');
    for (const group of inbound) {
      if (group.state === 'PROCESSED') inboundRow.succeeded += group._count._all;
      else if (group.state === 'FAILED') inboundRow.failed += group._count._all;
      else inboundRow.pending += group._count._all;
    }
    for (const group of requests) {
      const target = row(interfaceOfSystem[group.system], group.kind);
      if (group.state === 'SUCCEEDED') target.succeeded += group._count._all;
      else if (group.state === 'FAILED') target.failed += group._count._all;
      else target.pending += group._count._all;
    }
    for (const group of switchCommands) {
      const target = row('SWITCH', group.action);
      if (group.state === 'SUCCEEDED') target.succeeded += group._count._all;
      // Refused, or never confirmed (操作未成功): both are outcomes someone has to look at.
      else if (group.state === 'FAILED' || group.state === 'NOT_COMPLETED') target.failed += group._count._all;
      else target.pending += group._count._all;
    }
    const order = ['CRM_INBOUND', 'RESOURCE', 'PROVISIONING', 'CRM_OUTBOUND', 'SWITCH'];
    return [...rows.values()].sort((a, b) => order.indexOf(a.interface) - order.indexOf(b.interface) || a.kind.localeCompare(b.kind));
  }

  /** Interface requests, newest first (the interface monitor's drill-down). */
  async interfaceRequests(viewer: ViewerRecord, filter: { system: ExternalSystem | null; kind: string | null; state: InterfaceRequestState | null }, first: number, after: string | null) {
    assertCan(viewer, 'interfaces:monitor');
    const where: Prisma.InterfaceRequestWhereInput[] = [];
    if (filter.system) where.push({ system: filter.system });
    if (filter.kind) where.push({ kind: filter.kind });
    if (filter.state) where.push({ state: filter.state });
    if (after) where.push({ id: { lt: BigInt(decodeCursor(after, 'ID_DESC').id) } });
    const rows = await this.prisma.interfaceRequest.findMany({ where: { AND: where }, select: interfaceRequestSelect, orderBy: { id: 'desc' }, take: first + 1 });
    return page(rows, first, after);
  }

  /** Inbound CRM messages, newest first (the interface monitor's drill-down). */
  async crmInboundMessages(viewer: ViewerRecord, state: CrmMessageState | null, first: number, after: string | null) {
    assertCan(viewer, 'interfaces:monitor');
    const where: Prisma.CrmInboundMessageWhereInput[] = [];
    if (state) where.push({ state });
    if (after) where.push({ id: { lt: BigInt(decodeCursor(after, 'ID_DESC').id) } });
    const rows = await this.prisma.crmInboundMessage.findMany({
      where: { AND: where },
      select: { id: true, format: true, state: true, crmOrderCode: true, failureReason: true, orderId: true, attempts: true, receivedAt: true, processedAt: true },
      orderBy: { id: 'desc' },
      take: first + 1,
    });
    return page(rows, first, after);
  }
}

function page<T extends { id: bigint }>(rows: T[], first: number, after: string | null) {
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor('ID_DESC', Number(node.id), Number(node.id)) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
