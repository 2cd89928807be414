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

/**
 * The group key of a fact row (`o`: the order, `fw`: its field work order, `t`: that work order's
 * team) and what it needs: for a city or district, the ancestor at that level of the order's
 * organisation (or the organisation itself), through a small id → ancestor map of the organisation tree.
 */
function keyOf(groupBy: InstallStatisticsGroup): { join: Prisma.Sql; key: Prisma.Sql } {
  switch (groupBy) {
    case 'CITY':
    case 'DISTRICT':
      return {
        join: Prisma.sql`LEFT JOIN (
          SELECT d.id AS organisation_id, a.id AS ancestor_id
          FROM organisation d JOIN organisation a ON a.level = ${groupBy}::"OrgLevel" AND d.path LIKE a.path || '%'
        ) an ON an.organisation_id = o.organisation_id`,
        key: Prisma.sql`an.ancestor_id`,
      };
    case 'TEAM':
      return { join: Prisma.empty, key: Prisma.sql`t.id` };
    case 'INSTALLER':
      return { join: Prisma.empty, key: Prisma.sql`fw.staff_id` };
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
 * viewer's data permissions, with its kind and its field work order. The orders come from one bitmap
 * OR of the completed_at and (accepted_at, id) indexes (a range covering much of the table turns it
 * into a sequential scan, as it should); each order's field work order is one probe of
 * work_order(order_id). Measured on PostgreSQL with 300,000 orders / 600,000 work orders over six
 * months: a week ≈ 0.45 s, three months (half the table) ≈ 5 s, both on a machine at load 14.
 * Kinds: business codes mapped (business → IOM workflow) to the IOM workflow of each reference code.
 */
function facts(scope: DataScope, range: InstantRange, groupBy: InstallStatisticsGroup): Prisma.Sql {
  const references = Object.values(KIND_BUSINESS_CODES);
  const group = keyOf(groupBy);
  const completedIn = Prisma.sql`(o.completed_at >= ${range.from} AND o.completed_at < ${range.to})`;
  const acceptedIn = Prisma.sql`(o.accepted_at >= ${range.from} AND o.accepted_at < ${range.to})`;
  return Prisma.sql`
    kinds AS (
      SELECT DISTINCT ON (bw.business_code) bw.business_code,
        CASE ref.business_code WHEN ${KIND_BUSINESS_CODES.INSTALL} THEN 'INSTALL' WHEN ${KIND_BUSINESS_CODES.MOVE} THEN 'MOVE' ELSE 'REMOVAL' END AS kind
      FROM business_workflow bw JOIN business_workflow ref ON ref.iom_workflow_code = bw.iom_workflow_code
      WHERE ref.business_code = ANY(${references}::text[])
      ORDER BY bw.business_code, (ref.business_code = bw.business_code) DESC
    ), field_steps AS (
      SELECT COALESCE(array_agg(id), '{}') AS ids FROM workflow_step WHERE kind = 'FIELD_WORK'
    ), facts AS (
      SELECT o.id, k.kind,
        (o.state = 'COMPLETED' AND ${completedIn}) AS completed,
        ${acceptedIn} AS received,
        o.state = 'EXECUTING' AS executing,
        fw.id AS work_order_id, fw.position_id, fw.staff_id,
        ${group.key} AS key
      FROM "order" o
        JOIN kinds k ON k.business_code = o.business_code
        CROSS JOIN field_steps f
        LEFT JOIN LATERAL (
          -- The field work: the last completed field work order, else the newest one.
          SELECT w.id, w.position_id, w.staff_id
          FROM work_order w
          WHERE w.order_id = o.id AND w.step_id = ANY(f.ids) AND w.state <> 'CANCELLED'
          ORDER BY (w.state = 'COMPLETED') DESC, w.completed_at DESC NULLS LAST, w.id DESC
          LIMIT 1
        ) fw ON true
        LEFT JOIN team t ON t.position_id = fw.position_id
        ${group.join}
      WHERE (${completedIn} OR ${acceptedIn}) AND ${orderScopeSql(scope, 'o')}
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
