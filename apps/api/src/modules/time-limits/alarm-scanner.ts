import type { PrismaClient } from '@openiom/db';
import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { OutboxRelay } from '../../pubsub/outbox.ts';

/** What one scan found. */
export interface ScanResult {
  /** Rows whose next alarm time had come. */
  scanned: number;
  /** Rows whose time state (or acceptance) changed: each wrote an order-log line and an alarm event. */
  alarms: number;
  durationMs: number;
}

/**
 * Marks work orders and orders *warning* and *overdue* (and work orders not accepted in time) once
 * their stored due times pass. Each row carries `next_alarm_at`, the next time anything about it can
 * change, so a scan is one index range scan over the rows whose time has come; each change writes an
 * order-log line and an `alarm.changed` outbox event in the same statement. SKIP LOCKED lets every
 * instance run a scanner.
 */
export class AlarmScanner extends BackgroundLoop {
  /** The last scan that found something, for monitoring. */
  last: ScanResult | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly now: () => Date,
    pollMs: number,
    private readonly batchSize = 5000,
  ) {
    super('alarm scanner', async () => {
      const result = await this.scanOnce();
      if (result.alarms > 0) void this.relay.kick();
      return result.scanned >= this.batchSize;
    }, pollMs);
  }

  /** One batch over work orders and one over orders. */
  async scanOnce(): Promise<ScanResult> {
    const started = performance.now();
    const now = this.now();
    const [workOrders] = await this.prisma.$queryRaw<{ scanned: number; alarms: number }[]>`
      WITH due AS (
        SELECT w.id, w.time_state AS old_state, w.accept_overdue AS old_accept
        FROM work_order w
        WHERE w.next_alarm_at <= ${now}
        ORDER BY w.next_alarm_at
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      ), changed AS (
        UPDATE work_order w SET
          time_state = (CASE WHEN w.due_at <= ${now} THEN 'OVERDUE' WHEN w.warn_at <= ${now} THEN 'WARNING' ELSE 'NORMAL' END)::"TimeState",
          accept_overdue = w.accept_overdue OR (w.state = 'PENDING' AND w.accept_due_at <= ${now}),
          next_alarm_at = CASE WHEN w.state IN ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION') THEN LEAST(
            CASE WHEN w.warn_at > ${now} THEN w.warn_at END,
            CASE WHEN w.due_at > ${now} THEN w.due_at END,
            CASE WHEN w.state = 'PENDING' AND w.accept_due_at > ${now} THEN w.accept_due_at END) END
        FROM due
        WHERE w.id = due.id
        RETURNING w.id, w.order_id, w.work_order_no, w.time_state, w.accept_overdue, due.old_state, due.old_accept
      ), alarms AS (
        SELECT * FROM changed WHERE time_state <> old_state OR accept_overdue <> old_accept
      ), logged AS (
        INSERT INTO order_log (order_id, work_order_id, action, detail, created_at)
        SELECT order_id, id,
          CASE WHEN time_state <> old_state THEN time_state::text ELSE 'ACCEPT_OVERDUE' END,
          CASE WHEN time_state <> old_state THEN 'Work order ' || work_order_no || ' is now ' || lower(time_state::text)
               ELSE 'Work order ' || work_order_no || ' was not accepted in time' END,
          ${now}
        FROM alarms
      ), events AS (
        INSERT INTO outbox_event (topic, payload)
        SELECT 'alarm.changed', jsonb_build_object('subject', 'WORK_ORDER', 'id', id, 'orderId', order_id, 'timeState', time_state, 'acceptOverdue', accept_overdue)
        FROM alarms
      )
      SELECT (SELECT count(*) FROM changed)::int AS scanned, (SELECT count(*) FROM alarms)::int AS alarms`;
    const [orders] = await this.prisma.$queryRaw<{ scanned: number; alarms: number }[]>`
      WITH due AS (
        SELECT o.id, o.time_state AS old_state
        FROM "order" o
        WHERE o.next_alarm_at <= ${now}
        ORDER BY o.next_alarm_at
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      ), changed AS (
        UPDATE "order" o SET
          time_state = (CASE WHEN o.due_at <= ${now} THEN 'OVERDUE' WHEN o.warn_at <= ${now} THEN 'WARNING' ELSE 'NORMAL' END)::"TimeState",
          next_alarm_at = CASE WHEN o.state = 'EXECUTING' THEN LEAST(
            CASE WHEN o.warn_at > ${now} THEN o.warn_at END,
            CASE WHEN o.due_at > ${now} THEN o.due_at END) END
        FROM due
        WHERE o.id = due.id
        RETURNING o.id, o.order_no, o.time_state, due.old_state
      ), alarms AS (
        SELECT * FROM changed WHERE time_state <> old_state
      ), logged AS (
        INSERT INTO order_log (order_id, action, detail, created_at)
        SELECT id, time_state::text, 'Order ' || order_no || ' is now ' || lower(time_state::text), ${now}
        FROM alarms
      ), events AS (
        INSERT INTO outbox_event (topic, payload)
        SELECT 'alarm.changed', jsonb_build_object('subject', 'ORDER', 'id', id, 'orderId', id, 'timeState', time_state, 'acceptOverdue', false)
        FROM alarms
      )
      SELECT (SELECT count(*) FROM changed)::int AS scanned, (SELECT count(*) FROM alarms)::int AS alarms`;
    const result = {
      scanned: Math.max(workOrders.scanned, orders.scanned),
      alarms: workOrders.alarms + orders.alarms,
      durationMs: performance.now() - started,
    };
    if (result.scanned > 0) this.last = result;
    return result;
  }
}
