import { Prisma, type PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { likeLiteral } from '../../lib/like.ts';
import { orderScopeSql } from '../orders/orders.repository.ts';
import type { SupervisionListName, SupervisionListPageRecord, SupervisionOrderFilter, SupervisionRowRecord } from './supervision.types.ts';

/** Work-order states that still wait for someone. */
const OPEN = Prisma.sql`('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION')`;

/** Home-broadband flows: templates (any version) with a dispatch-center step. */
const DISPATCHED_TEMPLATES = Prisma.sql`(SELECT template_id FROM workflow_step WHERE kind = 'DISPATCH_CENTER')`;

/** The viewer's data scope and the screen's filter, as conditions on the order `o`. */
function ordersSql(scope: DataScope, filter: SupervisionOrderFilter): Prisma.Sql {
  const conditions = [orderScopeSql(scope, 'o')];
  if (filter.areaPath !== null) {
    conditions.push(Prisma.sql`o.organisation_id IN (SELECT id FROM organisation WHERE path LIKE ${`${likeLiteral(filter.areaPath)}%`})`);
  }
  if (filter.search !== null) {
    const text = `%${likeLiteral(filter.search)}%`;
    conditions.push(Prisma.sql`(o.customer_name ILIKE ${text} OR o.customer_phone ILIKE ${text} OR o.address ILIKE ${text} OR o.order_no ILIKE ${text})`);
  }
  return Prisma.join(conditions, ' AND ');
}

type RawRow = Omit<SupervisionRowRecord, 'list' | 'ageMinutes'> & { total: number };

/**
 * The columns every list shows, read from `o` (order) and `cw` (its current work order: id,
 * work_order_no, state, position_id, staff_id, code, name, name_en). The team is the one whose queue
 * holds the work order, else the one chosen in advance (OrderStepHandler) — the current step's
 * handler first, then an appointment step's, then any; the installer likewise: the work order's
 * handler when it sits in a team queue, else the handler chosen in advance.
 */
function rowColumns(claimStepCodes: string[]): { select: Prisma.Sql; joins: Prisma.Sql } {
  return {
    select: Prisma.sql`
      o.id::text AS "orderId", o.order_no AS "orderNo",
      cw.id::text AS "workOrderId", cw.work_order_no AS "workOrderNo", cw.state AS "workOrderState",
      cw.code AS "stepCode", cw.name AS "stepName", cw.name_en AS "stepNameEn",
      o.customer_name AS "customerName", o.customer_phone AS "customerPhone", o.address, o.accepted_at AS "acceptedAt",
      COALESCE(wt.id, ht.id)::text AS "teamId", COALESCE(wt.name, ht.name) AS "teamName", COALESCE(wt.name_en, ht.name_en) AS "teamNameEn",
      st.id::text AS "installerId", st.name AS "installerName", st.staff_no AS "installerStaffNo", st.phone AS "installerPhone"`,
    joins: Prisma.sql`
      LEFT JOIN team wt ON wt.position_id = cw.position_id
      LEFT JOIN LATERAL (
        SELECT t.id, t.name, t.name_en
        FROM order_step_handler h JOIN team t ON t.position_id = h.position_id
        WHERE h.order_id = o.id
        ORDER BY (h.step_code = cw.code) DESC NULLS LAST, (h.step_code = ANY(${claimStepCodes}::text[])) DESC, h.step_code
        LIMIT 1
      ) ht ON true
      LEFT JOIN LATERAL (
        SELECT h.staff_id
        FROM order_step_handler h
        WHERE h.order_id = o.id AND h.staff_id IS NOT NULL
        ORDER BY (h.step_code = cw.code) DESC NULLS LAST, (h.step_code = ANY(${claimStepCodes}::text[])) DESC, h.step_code
        LIMIT 1
      ) hs ON true
      LEFT JOIN staff st ON st.id = COALESCE(CASE WHEN wt.id IS NOT NULL THEN cw.staff_id END, hs.staff_id)`,
  };
}

const pageOf = (list: SupervisionListName, rows: RawRow[], sinceOf: (row: RawRow) => Date, now: Date): SupervisionListPageRecord => ({
  total: rows[0]?.total ?? 0,
  rows: rows.map(({ total: _total, ...row }) => {
    const since = sinceOf(row as RawRow);
    return { ...row, list, since, ageMinutes: Math.floor((now.getTime() - since.getTime()) / 60_000) };
  }),
});

/**
 * Reads the supervision lists. Each list is one statement that starts from an index on a bounded
 * range: orders by (state, id) / accepted_at, appointment work orders by (state, created_at, id).
 */
export class SupervisionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Executing home-broadband orders accepted in (`after`, `atOrBefore`], oldest first. */
  async ordersAccepted(scope: DataScope, filter: SupervisionOrderFilter, list: SupervisionListName, range: { after: Date | null; atOrBefore: Date }, claimStepCodes: string[], first: number, now: Date): Promise<SupervisionListPageRecord> {
    const { select, joins } = rowColumns(claimStepCodes);
    const lower = range.after ? Prisma.sql`AND o.accepted_at > ${range.after}` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<RawRow[]>`
      WITH picked AS (
        SELECT o.id, o.accepted_at, count(*) OVER ()::int AS total
        FROM "order" o
        WHERE o.state = 'EXECUTING' AND o.accepted_at <= ${range.atOrBefore} ${lower}
          AND o.template_id IN ${DISPATCHED_TEMPLATES}
          AND ${ordersSql(scope, filter)}
        ORDER BY o.accepted_at, o.id
        LIMIT ${first}
      )
      SELECT p.total, ${select}
      FROM picked p
        JOIN "order" o ON o.id = p.id
        LEFT JOIN LATERAL (
          SELECT w.id, w.work_order_no, w.state, w.position_id, w.staff_id, s.code, s.name, s.name_en
          FROM work_order w JOIN workflow_step s ON s.id = w.step_id
          WHERE w.order_id = o.id AND w.state IN ${OPEN}
          ORDER BY w.created_at DESC, w.id DESC
          LIMIT 1
        ) cw ON true
        ${joins}
      ORDER BY p.accepted_at, p.id`;
    return pageOf(list, rows, (row) => row.acceptedAt, now);
  }

  /** Work orders of appointment steps still pending (unclaimed) and created at or before `createdAtOrBefore`. */
  async unclaimed(scope: DataScope, filter: SupervisionOrderFilter, createdAtOrBefore: Date, claimStepCodes: string[], first: number, now: Date): Promise<SupervisionListPageRecord> {
    const { select, joins } = rowColumns(claimStepCodes);
    const rows = await this.prisma.$queryRaw<(RawRow & { createdAt: Date })[]>`
      WITH picked AS (
        SELECT w.id, w.created_at, count(*) OVER ()::int AS total
        FROM work_order w
          JOIN workflow_step s ON s.id = w.step_id
          JOIN "order" o ON o.id = w.order_id
        WHERE w.state = 'PENDING' AND w.staff_id IS NULL AND w.created_at <= ${createdAtOrBefore}
          AND s.code = ANY(${claimStepCodes}::text[])
          AND o.state = 'EXECUTING' AND o.template_id IN ${DISPATCHED_TEMPLATES}
          AND ${ordersSql(scope, filter)}
        ORDER BY w.created_at, w.id
        LIMIT ${first}
      )
      SELECT p.total, p.created_at AS "createdAt", ${select}
      FROM picked p
        JOIN work_order w ON w.id = p.id
        JOIN workflow_step s ON s.id = w.step_id
        JOIN "order" o ON o.id = w.order_id
        CROSS JOIN LATERAL (SELECT w.id, w.work_order_no, w.state, w.position_id, w.staff_id, s.code, s.name, s.name_en) cw
        ${joins}
      ORDER BY p.created_at, p.id`;
    return pageOf('CLAIM_TIMEOUT', rows, (row) => (row as RawRow & { createdAt: Date }).createdAt, now);
  }

  /**
   * The earliest instants, after now, at which something in scope crosses a threshold by time alone:
   * the oldest order accepted after each order boundary, and the oldest unclaimed appointment work
   * order created after the claim boundary.
   */
  async nextCrossings(scope: DataScope, filter: SupervisionOrderFilter, bounds: { warning: Date; overdue: Date; claim: Date }, claimStepCodes: string[]): Promise<{ warning: Date | null; overdue: Date | null; claim: Date | null }> {
    const [row] = await this.prisma.$queryRaw<{ warning: Date | null; overdue: Date | null; claim: Date | null }[]>`
      SELECT
        (SELECT min(o.accepted_at) FROM "order" o
          WHERE o.state = 'EXECUTING' AND o.accepted_at > ${bounds.warning} AND o.template_id IN ${DISPATCHED_TEMPLATES} AND ${ordersSql(scope, filter)}) AS warning,
        (SELECT min(o.accepted_at) FROM "order" o
          WHERE o.state = 'EXECUTING' AND o.accepted_at > ${bounds.overdue} AND o.template_id IN ${DISPATCHED_TEMPLATES} AND ${ordersSql(scope, filter)}) AS overdue,
        (SELECT min(w.created_at) FROM work_order w JOIN workflow_step s ON s.id = w.step_id JOIN "order" o ON o.id = w.order_id
          WHERE w.state = 'PENDING' AND w.staff_id IS NULL AND w.created_at > ${bounds.claim} AND s.code = ANY(${claimStepCodes}::text[])
            AND o.state = 'EXECUTING' AND o.template_id IN ${DISPATCHED_TEMPLATES} AND ${ordersSql(scope, filter)}) AS claim`;
    return row;
  }
}
