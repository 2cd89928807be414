import { Prisma, type PrismaClient } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { orderScopeSql } from '../orders/orders.repository.ts';
import {
  KIND_BUSINESS_CODES,
  type InstallKind,
  type InstallStatisticsGroup,
  type InstallStatisticsMeasure,
  type InstallStatisticsOrderRecord,
  type InstallStatisticsRowRecord,
  type InstantRange,
} from './install-statistics.types.ts';

/** The group key of a fact row (`org`: the order's organisation, `fw`: its field work order). */
function keyOf(groupBy: InstallStatisticsGroup): Prisma.Sql {
  switch (groupBy) {
    case 'CITY':
    case 'DISTRICT':
      // The ancestor (or the organisation itself) at that level: its path is a prefix of the order's.
      return Prisma.sql`(SELECT a.id FROM organisation a WHERE a.level = ${groupBy}::"OrgLevel" AND org.path LIKE a.path || '%' LIMIT 1)`;
    case 'TEAM':
      return Prisma.sql`(SELECT t.id FROM team t WHERE t.position_id = fw.position_id)`;
    case 'INSTALLER':
      return Prisma.sql`fw.staff_id`;
  }
}

/** Group names by key. */
function namesOf(groupBy: InstallStatisticsGroup): { join: Prisma.Sql; name: Prisma.Sql; nameEn: Prisma.Sql } {
  switch (groupBy) {
    case 'CITY':
    case 'DISTRICT':
      return { join: Prisma.sql`LEFT JOIN organisation n ON n.id = g.key`, name: Prisma.sql`n.name`, nameEn: Prisma.sql`n.name_en` };
    case 'TEAM':
      return { join: Prisma.sql`LEFT JOIN team n ON n.id = g.key`, name: Prisma.sql`n.name`, nameEn: Prisma.sql`n.name_en` };
    case 'INSTALLER':
      return { join: Prisma.sql`LEFT JOIN staff n ON n.id = g.key`, name: Prisma.sql`n.name || ' (' || n.staff_no || ')'`, nameEn: Prisma.sql`''` };
  }
}

/**
 * One row per home-broadband order touched by the range (accepted or completed in it), inside the
 * viewer's data permissions, with its kind and its field work order. Starts from the (accepted_at,
 * id) and completed_at indexes of `order`; the field work order is found through work_order(order_id).
 * Kinds: business codes mapped (business → IOM workflow) to the IOM workflow of each reference code.
 */
function facts(scope: DataScope, range: InstantRange, groupBy: InstallStatisticsGroup): Prisma.Sql {
  const references = Object.values(KIND_BUSINESS_CODES);
  return Prisma.sql`
    kinds AS (
      SELECT DISTINCT ON (bw.business_code) bw.business_code,
        CASE ref.business_code WHEN ${KIND_BUSINESS_CODES.INSTALL} THEN 'INSTALL' WHEN ${KIND_BUSINESS_CODES.MOVE} THEN 'MOVE' ELSE 'REMOVAL' END AS kind
      FROM business_workflow bw JOIN business_workflow ref ON ref.iom_workflow_code = bw.iom_workflow_code
      WHERE ref.business_code = ANY(${references}::text[])
      ORDER BY bw.business_code, (ref.business_code = bw.business_code) DESC
    ), candidates AS (
      SELECT id FROM "order" WHERE completed_at >= ${range.from} AND completed_at < ${range.to}
      UNION
      SELECT id FROM "order" WHERE accepted_at >= ${range.from} AND accepted_at < ${range.to}
    ), facts AS (
      SELECT o.id, k.kind,
        (o.state = 'COMPLETED' AND o.completed_at >= ${range.from} AND o.completed_at < ${range.to}) AS completed,
        (o.accepted_at >= ${range.from} AND o.accepted_at < ${range.to}) AS received,
        o.state = 'EXECUTING' AS executing,
        fw.id AS work_order_id, fw.position_id, fw.staff_id,
        ${keyOf(groupBy)} AS key
      FROM candidates c
        JOIN "order" o ON o.id = c.id
        JOIN kinds k ON k.business_code = o.business_code
        LEFT JOIN organisation org ON org.id = o.organisation_id
        LEFT JOIN LATERAL (
          -- The field work: the last completed field work order, else the newest one.
          SELECT w.id, w.position_id, w.staff_id
          FROM work_order w JOIN workflow_step s ON s.id = w.step_id
          WHERE w.order_id = o.id AND s.kind = 'FIELD_WORK' AND w.state <> 'CANCELLED'
          ORDER BY (w.state = 'COMPLETED') DESC, w.completed_at DESC NULLS LAST, w.id DESC
          LIMIT 1
        ) fw ON true
      WHERE ${orderScopeSql(scope, 'o')}
    )`;
}

export class InstallStatisticsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Counts per group, grouped in the database. */
  async rows(scope: DataScope, range: InstantRange, groupBy: InstallStatisticsGroup): Promise<InstallStatisticsRowRecord[]> {
    const names = namesOf(groupBy);
    return this.prisma.$queryRaw<InstallStatisticsRowRecord[]>`
      WITH ${facts(scope, range, groupBy)}, grouped AS (
        SELECT key,
          count(*) FILTER (WHERE completed AND kind = 'INSTALL')::int AS "installsCompleted",
          count(*) FILTER (WHERE completed AND kind = 'MOVE')::int AS "movesCompleted",
          count(*) FILTER (WHERE completed AND kind = 'REMOVAL')::int AS "removalsCompleted",
          count(*) FILTER (WHERE received)::int AS received,
          count(*) FILTER (WHERE received AND executing)::int AS "inFlight"
        FROM facts
        GROUP BY key
      )
      SELECT g.key::text AS key, ${names.name} AS name, ${names.nameEn} AS "nameEn",
        g."installsCompleted", g."movesCompleted", g."removalsCompleted", g.received, g."inFlight"
      FROM grouped g ${names.join}
      WHERE g."installsCompleted" + g."movesCompleted" + g."removalsCompleted" + g.received > 0
      ORDER BY g.key IS NULL, name, g.key`;
  }

  /** The orders behind one cell, newest first (at most `first`), and how many there are. */
  async orders(
    scope: DataScope,
    range: InstantRange,
    cell: { groupBy: InstallStatisticsGroup; key: number | null; kind: InstallKind | null; measure: InstallStatisticsMeasure },
    first: number,
  ): Promise<{ orders: InstallStatisticsOrderRecord[]; total: number }> {
    const measure = cell.measure === 'COMPLETED' ? Prisma.sql`f.completed` : cell.measure === 'RECEIVED' ? Prisma.sql`f.received` : Prisma.sql`f.received AND f.executing`;
    const kind = cell.kind ? Prisma.sql`AND f.kind = ${cell.kind}` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<(InstallStatisticsOrderRecord & { total: number })[]>`
      WITH ${facts(scope, range, cell.groupBy)}, picked AS (
        SELECT f.*, count(*) OVER ()::int AS total
        FROM facts f
        WHERE f.key IS NOT DISTINCT FROM ${cell.key}::int AND ${measure} ${kind}
        ORDER BY f.id DESC
        LIMIT ${first}
      )
      SELECT p.total, o.id::text AS "orderId", o.order_no AS "orderNo", p.kind, o.state, o.customer_name AS "customerName", o.address,
        o.accepted_at AS "acceptedAt", o.completed_at AS "completedAt",
        w.id::text AS "workOrderId", w.work_order_no AS "workOrderNo",
        t.name AS "teamName", t.name_en AS "teamNameEn", st.name AS "installerName", st.staff_no AS "installerStaffNo"
      FROM picked p
        JOIN "order" o ON o.id = p.id
        LEFT JOIN work_order w ON w.id = p.work_order_id
        LEFT JOIN team t ON t.position_id = p.position_id
        LEFT JOIN staff st ON st.id = p.staff_id
      ORDER BY p.id DESC`;
    return { total: rows[0]?.total ?? 0, orders: rows.map(({ total: _total, ...row }) => row) };
  }
}
