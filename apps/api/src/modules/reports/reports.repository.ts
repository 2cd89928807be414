import { Prisma, type PrismaClient, type TimeState, type WorkOrderState } from '@openiom/db';
import type { DataScope } from '../auth/auth.types.ts';
import { orderScopeSql } from '../orders/orders.repository.ts';
import type { DailyReportRowRecord, DayWindow, PositionOverdueRecord } from './reports.types.ts';

/** Work-order states that still wait for someone (open). */
const OPEN = Prisma.sql`('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION')`;

/** Timestamps are stored as UTC without a zone: this is the local calendar day of `column` in `timeZone`. */
const localDay = (column: Prisma.Sql, timeZone: string) => Prisma.sql`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;

/** A JS instant as the stored (zone-less UTC) timestamp text, for arrays of instants. */
const stored = (instant: Date) => instant.toISOString().replace('Z', '');

/**
 * The report and dashboard aggregates: one SQL statement per table or panel, counted in the database
 * inside the viewer's data permissions. Every statement starts from an index on a bounded range
 * (creation or completion time inside the window) or on the open states, never from the whole table.
 */
export class ReportsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The daily report's counts per organisation and work-order type. The work orders it reads: those
   * created or completed during the day, those open now, and those finished after `asOf` (open at
   * `asOf`) — for a day long past the last set is everything completed since, so the cost grows with
   * the day's age.
   */
  async dailyWorkOrders(scope: DataScope, day: DayWindow): Promise<DailyReportRowRecord[]> {
    const { from, to, asOf } = day;
    const rows = await this.prisma.$queryRaw<(Omit<DailyReportRowRecord, 'workOrderTypeCode' | 'organisationId'> & { organisation_id: number | null; work_order_type_code: string | null })[]>`
      WITH touched AS (
        SELECT id FROM work_order WHERE created_at >= ${from} AND created_at < ${to}
        UNION
        SELECT id FROM work_order WHERE completed_at >= ${from} AND completed_at < ${to}
        UNION
        SELECT id FROM work_order WHERE state IN ${OPEN} AND created_at < ${asOf}
        UNION
        SELECT id FROM work_order WHERE completed_at >= ${asOf} AND created_at < ${asOf}
      ), counted AS (
        SELECT o.organisation_id, s.work_order_type_code,
          w.created_at >= ${from} AND w.created_at < ${to} AS created,
          w.state = 'COMPLETED' AND w.completed_at >= ${from} AND w.completed_at < ${to} AS completed,
          w.due_at IS NULL OR w.completed_at <= w.due_at AS on_time,
          w.result IS DISTINCT FROM 'NORMAL' AS exception,
          w.created_at < ${asOf} AND (w.completed_at IS NULL OR w.completed_at >= ${asOf}) AS open,
          w.due_at <= ${asOf} AS past_due
        FROM touched
          JOIN work_order w ON w.id = touched.id
          JOIN "order" o ON o.id = w.order_id
          JOIN workflow_step s ON s.id = w.step_id
        WHERE ${orderScopeSql(scope, 'o')}
      )
      SELECT organisation_id, work_order_type_code,
        count(*) FILTER (WHERE created)::int AS created,
        count(*) FILTER (WHERE completed)::int AS completed,
        count(*) FILTER (WHERE completed AND on_time)::int AS "completedOnTime",
        count(*) FILTER (WHERE completed AND exception)::int AS exceptions,
        count(*) FILTER (WHERE open)::int AS open,
        count(*) FILTER (WHERE open AND past_due)::int AS overdue
      FROM counted
      GROUP BY organisation_id, work_order_type_code
      HAVING count(*) FILTER (WHERE created OR completed OR open) > 0`;
    return rows.map(({ organisation_id, work_order_type_code, ...counts }) => ({ organisationId: organisation_id, workOrderTypeCode: work_order_type_code, ...counts }));
  }

  /** Executing orders per time state (as the alarm scanner last set it). */
  ordersInFlight(scope: DataScope): Promise<{ timeState: TimeState; count: number }[]> {
    return this.prisma.$queryRaw`
      SELECT o.time_state AS "timeState", count(*)::int AS count
      FROM "order" o
      WHERE o.state = 'EXECUTING' AND ${orderScopeSql(scope, 'o')}
      GROUP BY o.time_state`;
  }

  /** Open work orders per state, with how many of them are overdue. */
  workOrdersInFlight(scope: DataScope): Promise<{ state: WorkOrderState; count: number; overdue: number }[]> {
    return this.prisma.$queryRaw`
      SELECT w.state, count(*)::int AS count, count(*) FILTER (WHERE w.time_state = 'OVERDUE')::int AS overdue
      FROM work_order w JOIN "order" o ON o.id = w.order_id
      WHERE w.state IN ${OPEN} AND ${orderScopeSql(scope, 'o')}
      GROUP BY w.state`;
  }

  /**
   * Orders and work orders open and past their limit at each instant of `ends` (labelled by `dates`).
   * Candidates: what is open now, and what finished since `from` (anything finished before was not
   * open at any of the instants).
   */
  overdueAt(scope: DataScope, from: Date, dates: string[], ends: Date[]): Promise<{ date: string; orders: number; workOrders: number }[]> {
    return this.prisma.$queryRaw`
      WITH ends AS (
        SELECT * FROM unnest(${dates}::text[], ${ends.map(stored)}::timestamp(3)[]) AS e (date, at)
      ), work_orders AS (
        SELECT w.created_at, w.completed_at AS ended_at, w.due_at
        FROM (
          SELECT id FROM work_order WHERE state IN ${OPEN} AND due_at IS NOT NULL
          UNION ALL
          SELECT id FROM work_order WHERE completed_at >= ${from} AND due_at IS NOT NULL
        ) c
          JOIN work_order w ON w.id = c.id
          JOIN "order" o ON o.id = w.order_id
        WHERE ${orderScopeSql(scope, 'o')}
      ), orders AS (
        SELECT o.created_at, COALESCE(o.completed_at, o.cancelled_at) AS ended_at, o.due_at
        FROM "order" o
        WHERE o.id IN (
            SELECT id FROM "order" WHERE state = 'EXECUTING'
            UNION SELECT id FROM "order" WHERE completed_at >= ${from}
            UNION SELECT id FROM "order" WHERE cancelled_at >= ${from}
          )
          AND o.due_at IS NOT NULL AND ${orderScopeSql(scope, 'o')}
      )
      SELECT e.date,
        (SELECT count(*) FROM orders x WHERE x.created_at < e.at AND (x.ended_at IS NULL OR x.ended_at >= e.at) AND x.due_at <= e.at)::int AS orders,
        (SELECT count(*) FROM work_orders x WHERE x.created_at < e.at AND (x.ended_at IS NULL OR x.ended_at >= e.at) AND x.due_at <= e.at)::int AS "workOrders"
      FROM ends e
      ORDER BY e.date`;
  }

  /** Orders and work orders completed per local day in [from, to). */
  completedPerDay(scope: DataScope, from: Date, to: Date, timeZone: string): Promise<{ date: string; subject: 'ORDER' | 'WORK_ORDER'; count: number }[]> {
    return this.prisma.$queryRaw`
      SELECT ${localDay(Prisma.sql`o.completed_at`, timeZone)} AS date, 'ORDER' AS subject, count(*)::int AS count
      FROM "order" o
      WHERE o.completed_at >= ${from} AND o.completed_at < ${to} AND o.state = 'COMPLETED' AND ${orderScopeSql(scope, 'o')}
      GROUP BY 1
      UNION ALL
      SELECT ${localDay(Prisma.sql`w.completed_at`, timeZone)}, 'WORK_ORDER', count(*)::int
      FROM work_order w JOIN "order" o ON o.id = w.order_id
      WHERE w.completed_at >= ${from} AND w.completed_at < ${to} AND w.state = 'COMPLETED' AND ${orderScopeSql(scope, 'o')}
      GROUP BY 1`;
  }

  /** Positions by overdue open work orders, most first (null: awaiting manual assignment). */
  async topOverduePositions(scope: DataScope, first: number): Promise<PositionOverdueRecord[]> {
    const rows = await this.prisma.$queryRaw<{ position_id: number | null; overdue: number; open: number }[]>`
      SELECT w.position_id, count(*) FILTER (WHERE w.time_state = 'OVERDUE')::int AS overdue, count(*)::int AS open
      FROM work_order w JOIN "order" o ON o.id = w.order_id
      WHERE w.state IN ${OPEN} AND ${orderScopeSql(scope, 'o')}
      GROUP BY w.position_id
      HAVING count(*) FILTER (WHERE w.time_state = 'OVERDUE') > 0
      ORDER BY overdue DESC, open DESC, w.position_id NULLS LAST
      LIMIT ${first}`;
    return rows.map((row) => ({ positionId: row.position_id, overdue: row.overdue, open: row.open }));
  }
}
