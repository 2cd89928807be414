import { Prisma, prepared, type ExternalSystem } from '@openiom/db';
import type { WorkOrderDueTimes } from '../time-limits/time-limits.types.ts';

type Tx = Prisma.TransactionClient;

/** A work order of an order as the engine decides on it (joins, rounds, whether anything is left open). */
export interface WorkOrderStep {
  id: number;
  stepId: number;
  state: string;
}

export interface CompletedWorkOrder {
  orderId: number;
  workOrderId: number;
  /** NORMAL or the exception type. */
  result: string;
  note: string | null;
  /** Who completed it: becomes its handler when given, the handler stays otherwise. */
  staffId: number | null;
  action: 'COMPLETE' | 'COMPLETE_EXCEPTION';
  detail: string;
  now: Date;
}

export interface ParkedWorkOrder {
  orderId: number;
  workOrderId: number;
  note: string | null;
  /** Who parked it (kept in the log line only: the work order leaves its handler). */
  staffId: number | null;
  detail: string;
  now: Date;
}

export interface NewWorkOrder {
  orderId: number;
  workOrderNo: string;
  stepId: number;
  positionId: number | null;
  due: WorkOrderDueTimes;
  /** Its log lines, in order (created, then how it was queued for steps people handle). */
  log: { action: string; detail: string }[];
  /** The request to an external system of an automatic step, sent by the interface worker after commit. */
  interfaceRequest: { system: ExternalSystem; kind: string; request: Prisma.InputJsonObject } | null;
  /** The completion notice (报竣) for CRM, written once per order. */
  completionNotice: Prisma.InputJsonObject | null;
  now: Date;
}

/**
 * The statements of the engine's transitions. Each writes one change with its order log lines and
 * its outbox event in a single round trip; the benchmark's raw-`pg` baseline issues these same
 * statements (bench/workloads/order-flow.ts).
 *
 * Outbox and notice rows get `created_at` from the wall clock, as the ORM's `@default(now())` does;
 * everything else takes the engine's clock.
 */
export const transitionSql = {
  /** Locks a work order for its transition: a concurrent second transition waits, then finds it done. */
  lockWorkOrder: (workOrderId: number) => prepared(Prisma.sql`
    SELECT step_id AS "stepId", state::text AS state FROM work_order WHERE id = ${workOrderId} FOR UPDATE`),

  /**
   * Completes a work order, with its log line and event, and returns every work order of the order.
   * They are read in the same statement, so they show the completed one as it was before it (open).
   */
  completeWorkOrder: (c: CompletedWorkOrder, enqueuedAt = new Date()) => prepared(Prisma.sql`
    WITH completed AS (
      UPDATE work_order
      SET state = 'COMPLETED', completed_at = ${c.now}, result = ${c.result}, note = ${c.note},
          staff_id = COALESCE(${c.staffId}::int, staff_id), next_alarm_at = NULL
      WHERE id = ${c.workOrderId}
    ), logged AS (
      INSERT INTO order_log (order_id, work_order_id, staff_id, action, detail, created_at)
      VALUES (${c.orderId}, ${c.workOrderId}, ${c.staffId}::int, ${c.action}, ${c.detail}, ${c.now})
    ), published AS (
      INSERT INTO outbox_event (topic, payload, created_at)
      VALUES ('work-order.changed', ${JSON.stringify({ workOrderId: c.workOrderId, orderId: c.orderId, state: 'COMPLETED' })}::jsonb, ${enqueuedAt})
    )
    SELECT id, step_id AS "stepId", state::text AS state FROM work_order WHERE order_id = ${c.orderId}`),

  /** Parks a work order in manual exception handling (人工异常), with its log line and event. */
  parkWorkOrder: (p: ParkedWorkOrder, enqueuedAt = new Date()) => prepared(Prisma.sql`
    WITH parked AS (
      UPDATE work_order SET state = 'MANUAL_EXCEPTION', note = ${p.note}, staff_id = NULL WHERE id = ${p.workOrderId}
    ), logged AS (
      INSERT INTO order_log (order_id, work_order_id, staff_id, action, detail, created_at)
      VALUES (${p.orderId}, ${p.workOrderId}, ${p.staffId}::int, 'MANUAL_EXCEPTION', ${p.detail}, ${p.now})
    )
    INSERT INTO outbox_event (topic, payload, created_at)
    VALUES ('work-order.changed', ${JSON.stringify({ workOrderId: p.workOrderId, orderId: p.orderId, state: 'MANUAL_EXCEPTION' })}::jsonb, ${enqueuedAt})`),

  /**
   * Creates a work order with its log lines (in order), its interface request and the order's
   * completion notice when it has them, and its event; returns its id.
   */
  createWorkOrder: (w: NewWorkOrder, enqueuedAt = new Date()) => {
    const request = w.interfaceRequest
      ? Prisma.sql`, requested AS (
          INSERT INTO interface_request (system, kind, order_id, work_order_id, request, created_at, next_attempt_at)
          SELECT ${w.interfaceRequest.system}::"ExternalSystem", ${w.interfaceRequest.kind}, ${w.orderId}::int, id,
                 ${JSON.stringify(w.interfaceRequest.request)}::jsonb, ${w.now}::timestamp(3), ${w.now}::timestamp(3)
          FROM created
        )`
      : Prisma.empty;
    const notice = w.completionNotice
      ? Prisma.sql`, noticed AS (
          INSERT INTO crm_outbound_notice (order_id, kind, payload, created_at)
          VALUES (${w.orderId}, 'COMPLETION', ${JSON.stringify(w.completionNotice)}::jsonb, ${enqueuedAt})
          ON CONFLICT (order_id, kind) DO NOTHING
        )`
      : Prisma.empty;
    return prepared(Prisma.sql`
      WITH created AS (
        INSERT INTO work_order (work_order_no, order_id, step_id, state, position_id, created_at, accept_due_at, warn_at, due_at, next_alarm_at)
        VALUES (${w.workOrderNo}, ${w.orderId}, ${w.stepId}, 'PENDING', ${w.positionId}, ${w.now}, ${w.due.acceptDueAt}, ${w.due.warnAt}, ${w.due.dueAt}, ${w.due.nextAlarmAt})
        RETURNING id
      ), logged AS (
        INSERT INTO order_log (order_id, work_order_id, action, detail, created_at)
        SELECT ${w.orderId}::int, created.id, line.action, line.detail, ${w.now}::timestamp(3)
        FROM created, unnest(${w.log.map((line) => line.action)}::text[], ${w.log.map((line) => line.detail)}::text[]) WITH ORDINALITY AS line (action, detail, n)
        ORDER BY line.n
      )${request}${notice}, published AS (
        INSERT INTO outbox_event (topic, payload, created_at)
        SELECT 'work-order.changed', jsonb_build_object('workOrderId', id, 'orderId', ${w.orderId}::int, 'state', 'PENDING'), ${enqueuedAt}::timestamp(3)
        FROM created
      )
      SELECT id FROM created`);
  },

  /** Completes an order that is still executing, with its log line and event. */
  completeOrder: (orderId: number, now: Date, enqueuedAt = new Date()) => prepared(Prisma.sql`
    WITH finished AS (
      UPDATE "order" SET state = 'COMPLETED', completed_at = ${now}, next_alarm_at = NULL
      WHERE id = ${orderId} AND state = 'EXECUTING'
      RETURNING id
    ), logged AS (
      INSERT INTO order_log (order_id, action, detail, created_at)
      SELECT id, 'COMPLETE_ORDER', 'Order completed', ${now}::timestamp(3) FROM finished
    )
    INSERT INTO outbox_event (topic, payload, created_at)
    SELECT 'order.changed', jsonb_build_object('orderId', id, 'state', 'COMPLETED'), ${enqueuedAt}::timestamp(3) FROM finished`),
};

/** Writes the engine's transitions (see {@link transitionSql}); every method runs in the caller's transaction. */
export class TransitionRepository {
  /** The work order's step and state, locked until the transaction ends; null when it does not exist. */
  async lockWorkOrder(tx: Tx, workOrderId: number): Promise<{ stepId: number; state: string } | null> {
    const [row] = await tx.$queryRaw<{ stepId: number; state: string }[]>(transitionSql.lockWorkOrder(workOrderId));
    return row ?? null;
  }

  /** Completes a locked work order; returns the order's work orders as they are now. */
  async completeWorkOrder(tx: Tx, completed: CompletedWorkOrder): Promise<WorkOrderStep[]> {
    const rows = await tx.$queryRaw<WorkOrderStep[]>(transitionSql.completeWorkOrder(completed));
    return rows.map((row) => (row.id === completed.workOrderId ? { ...row, state: 'COMPLETED' } : row));
  }

  async parkWorkOrder(tx: Tx, parked: ParkedWorkOrder): Promise<void> {
    await tx.$executeRaw(transitionSql.parkWorkOrder(parked));
  }

  /** Creates a work order with everything that goes with it; returns its id. */
  async createWorkOrder(tx: Tx, workOrder: NewWorkOrder): Promise<number> {
    const [row] = await tx.$queryRaw<{ id: number }[]>(transitionSql.createWorkOrder(workOrder));
    return row.id;
  }

  /** Completes the order unless it no longer executes (then nothing is written). */
  async completeOrder(tx: Tx, orderId: number, now: Date): Promise<void> {
    await tx.$executeRaw(transitionSql.completeOrder(orderId, now));
  }
}
