import { Prisma, prepared, rawExecute, rawQuery, type ExternalSystem } from '@openiom/db';
import { enqueueEvent } from '../../pubsub/outbox.ts';
import type { WorkOrderDueTimes } from '../time-limits/time-limits.types.ts';

type Tx = Prisma.TransactionClient;

/** A work order of an order as the engine decides on it (joins, rounds, whether anything is left open). */
export interface WorkOrderStep {
  stepId: number;
  state: string;
}

/** A work order locked for its transition, with the other work orders of its order. */
export interface LockedWorkOrder extends WorkOrderStep {
  others: WorkOrderStep[];
}

export interface CompletedWorkOrder {
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
  workOrderNo: string;
  stepId: number;
  positionId: number | null;
  /** The handler chosen in advance (OrderStepHandler): the work order starts IN_PROGRESS with them. */
  staffId?: number | null;
  due: WorkOrderDueTimes;
  /** Its log lines, in order (created, then how it was queued for steps people handle). */
  log: { action: string; detail: string }[];
  /** The request to an external system of an automatic step, sent by the interface worker after commit. */
  interfaceRequest: { system: ExternalSystem; kind: string; request: Prisma.InputJsonObject } | null;
  /** The completion notice (报竣) for CRM, written once per order. */
  completionNotice: Prisma.InputJsonObject | null;
  now: Date;
}

/** Everything one transition of an order writes. */
export interface Transition {
  orderId: number;
  /** The work order it completes (none when an order starts). */
  completed: CompletedWorkOrder | null;
  /** The work orders of the steps it enters, in order. */
  created: NewWorkOrder[];
  /** Set when nothing of the order is left open: the order completes then, if it still executes. */
  orderCompletedAt: Date | null;
  /** Set when the order starts with this transition: its executing event follows the work orders'. */
  orderStarted?: boolean;
}

/** The ordinal of the next row of a list (part of the statement's text, not a value). */
const next = (rows: unknown[]) => Prisma.raw(String(rows.length));

/**
 * The statements of the engine's transitions: a transition locks its work order (reading the
 * order's other work orders with it), then writes everything it decided in one statement. The
 * benchmark's raw-`pg` baseline issues these same statements (bench/workloads/order-flow.ts).
 *
 * Outbox and notice rows get `created_at` from the wall clock, as the ORM's `@default(now())` does;
 * everything else takes the engine's clock.
 */
export const transitionSql = {
  /**
   * Locks an order for a transition of one of its work orders, before anything of it is read. Two
   * branches of a parallel flow completing at the same time would otherwise each read the other
   * still open, and neither would create the join. Everything that locks an order and its work
   * orders takes the order first, so they cannot deadlock.
   */
  lockOrder: (orderId: number) => prepared(Prisma.sql`SELECT id FROM "order" WHERE id = ${orderId} FOR UPDATE`),

  /**
   * Locks a work order for its transition (a concurrent second transition waits, then finds it
   * done) and returns it, flagged `locked`, with the other work orders of its order. Run after
   * `lockOrder`, in its own statement so that the others are read after that lock was granted:
   * they show every transition of the order committed before this one.
   */
  lockWorkOrder: (workOrderId: number) => prepared(Prisma.sql`
    WITH locked AS MATERIALIZED (
      SELECT id, order_id, step_id, state FROM work_order WHERE id = ${workOrderId} FOR UPDATE
    )
    SELECT step_id AS "stepId", state::text AS state, true AS locked FROM locked
    UNION ALL
    SELECT w.step_id, w.state::text, false FROM locked JOIN work_order w ON w.order_id = locked.order_id AND w.id <> locked.id`),

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
   * Writes a transition: the completed work order, each new work order (with its interface request
   * and the order's completion notice when it has them), the order's completion, and all their log
   * lines and events. Log lines, events and requests go in one INSERT each, in the order the
   * transition made them, so their ids (the order log's and the events' order) come out as if they
   * had been written one by one. The text depends only on the transition's shape (what it creates),
   * so each shape is one prepared statement.
   */
  write: (t: Transition, enqueuedAt = new Date()) => {
    const changes: Prisma.Sql[] = [];
    const lines: Prisma.Sql[] = [];
    const events: Prisma.Sql[] = [];
    const requests: Prisma.Sql[] = [];
    const notices: Prisma.Sql[] = [];
    if (t.completed) {
      const c = t.completed;
      changes.push(Prisma.sql`completed AS (
        UPDATE work_order
        SET state = 'COMPLETED', completed_at = ${c.now}, result = ${c.result}, note = ${c.note},
            staff_id = COALESCE(${c.staffId}::int, staff_id), next_alarm_at = NULL
        WHERE id = ${c.workOrderId}
      )`);
      lines.push(Prisma.sql`SELECT ${next(lines)}, ${c.workOrderId}::int, ${c.staffId}::int, ${c.action}::text, ${c.detail}::text, ${c.now}::timestamp(3)`);
      events.push(Prisma.sql`SELECT ${next(events)}, 'work-order.changed', ${JSON.stringify({ workOrderId: c.workOrderId, orderId: t.orderId, state: 'COMPLETED' })}::jsonb`);
    }
    t.created.forEach((w, i) => {
      const created = Prisma.raw(`created_${i + 1}`);
      const staffId = w.staffId ?? null;
      const state = staffId === null ? 'PENDING' : 'IN_PROGRESS';
      changes.push(Prisma.sql`${created} AS (
        INSERT INTO work_order (work_order_no, order_id, step_id, state, position_id, staff_id, started_at, created_at, accept_due_at, warn_at, due_at, next_alarm_at)
        VALUES (${w.workOrderNo}, ${t.orderId}, ${w.stepId}, ${state}::"WorkOrderState", ${w.positionId}, ${staffId}::int, ${staffId === null ? null : w.now}::timestamp(3), ${w.now}, ${w.due.acceptDueAt}, ${w.due.warnAt}, ${w.due.dueAt}, ${w.due.nextAlarmAt})
        RETURNING id
      )`);
      for (const line of w.log) lines.push(Prisma.sql`SELECT ${next(lines)}, id, NULL::int, ${line.action}::text, ${line.detail}::text, ${w.now}::timestamp(3) FROM ${created}`);
      if (w.interfaceRequest) {
        const { system, kind, request } = w.interfaceRequest;
        requests.push(Prisma.sql`SELECT ${next(requests)}, ${system}::"ExternalSystem", ${kind}::text, id, ${JSON.stringify(request)}::jsonb, ${w.now}::timestamp(3) FROM ${created}`);
      }
      if (w.completionNotice) notices.push(Prisma.sql`SELECT ${next(notices)}, ${JSON.stringify(w.completionNotice)}::jsonb`);
      events.push(Prisma.sql`SELECT ${next(events)}, 'work-order.changed', jsonb_build_object('workOrderId', id, 'orderId', ${t.orderId}::int, 'state', ${state}::text) FROM ${created}`);
    });
    if (t.orderCompletedAt) {
      changes.push(Prisma.sql`finished AS (
        UPDATE "order" SET state = 'COMPLETED', completed_at = ${t.orderCompletedAt}, next_alarm_at = NULL
        WHERE id = ${t.orderId} AND state = 'EXECUTING'
        RETURNING id
      )`);
      lines.push(Prisma.sql`SELECT ${next(lines)}, NULL::int, NULL::int, 'COMPLETE_ORDER', 'Order completed', ${t.orderCompletedAt}::timestamp(3) FROM finished`);
      events.push(Prisma.sql`SELECT ${next(events)}, 'order.changed', jsonb_build_object('orderId', id, 'state', 'COMPLETED') FROM finished`);
    }
    if (t.orderStarted) events.push(Prisma.sql`SELECT ${next(events)}, 'order.changed', ${JSON.stringify({ orderId: t.orderId, state: 'EXECUTING' })}::jsonb`);
    const requested = requests.length
      ? Prisma.sql`, requested AS (
          INSERT INTO interface_request (system, kind, order_id, work_order_id, request, created_at, next_attempt_at)
          SELECT system, kind, ${t.orderId}::int, work_order_id, request, created_at, created_at
          FROM (${Prisma.join(requests, ' UNION ALL ')}) AS request (n, system, kind, work_order_id, request, created_at)
          ORDER BY n
        )`
      : Prisma.empty;
    const noticed = notices.length
      ? Prisma.sql`, noticed AS (
          INSERT INTO crm_outbound_notice (order_id, kind, payload, created_at)
          SELECT ${t.orderId}::int, 'COMPLETION', payload, ${enqueuedAt}::timestamp(3)
          FROM (${Prisma.join(notices, ' UNION ALL ')}) AS notice (n, payload)
          ORDER BY n
          ON CONFLICT (order_id, kind) DO NOTHING
        )`
      : Prisma.empty;
    return prepared(Prisma.sql`
      WITH ${Prisma.join(changes, ', ')}, logged AS (
        INSERT INTO order_log (order_id, work_order_id, staff_id, action, detail, created_at)
        SELECT ${t.orderId}::int, work_order_id, staff_id, action, detail, created_at
        FROM (${Prisma.join(lines, ' UNION ALL ')}) AS line (n, work_order_id, staff_id, action, detail, created_at)
        ORDER BY n
      )${requested}${noticed}
      INSERT INTO outbox_event (topic, payload, created_at)
      SELECT topic, payload, ${enqueuedAt}::timestamp(3)
      FROM (${Prisma.join(events, ' UNION ALL ')}) AS event (n, topic, payload)
      ORDER BY n`);
  },
};

/**
 * Ends an order before its flow does (cancelled by CRM, rejected to CRM): its open work orders are
 * cancelled, the order takes `state` and `fields`, the order log says why, and the events follow.
 * Runs in the caller's transaction, which holds the order's lock.
 */
export async function endOrder(
  tx: Tx,
  end: { orderId: number; workOrderId: number | null; state: 'CANCELLED' | 'REJECTED'; fields: Prisma.OrderUncheckedUpdateInput; action: string; detail: string; now: Date },
): Promise<void> {
  const { orderId, now } = end;
  const open = await tx.workOrder.findMany({ where: { orderId, state: { in: ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] } }, select: { id: true } });
  await tx.workOrder.updateMany({ where: { id: { in: open.map((wo) => wo.id) } }, data: { state: 'CANCELLED', completedAt: now, nextAlarmAt: null } });
  await tx.order.update({ where: { id: orderId }, data: { ...end.fields, state: end.state, nextAlarmAt: null } });
  await tx.orderLog.create({ data: { orderId, workOrderId: end.workOrderId, action: end.action, detail: end.detail, createdAt: now } });
  for (const wo of open) await enqueueEvent(tx, 'work-order.changed', { workOrderId: wo.id, orderId, state: 'CANCELLED' });
  await enqueueEvent(tx, 'order.changed', { orderId, state: end.state });
}

/** Locks and writes the engine's transitions (see {@link transitionSql}), in the caller's transaction. */
export class TransitionRepository {
  /** Locks the order of a transition until the transaction ends (see `transitionSql.lockOrder`). */
  async lockOrder(tx: Tx, orderId: number): Promise<void> {
    await rawQuery(tx, transitionSql.lockOrder(orderId));
  }

  /** The work order, locked until the transaction ends, with the other work orders of its order; null when it does not exist. */
  async lockWorkOrder(tx: Tx, workOrderId: number): Promise<LockedWorkOrder | null> {
    const rows = await rawQuery<WorkOrderStep & { locked: boolean }>(tx, transitionSql.lockWorkOrder(workOrderId));
    const locked = rows.find((row) => row.locked);
    if (!locked) return null;
    return { stepId: locked.stepId, state: locked.state, others: rows.filter((row) => !row.locked).map(({ stepId, state }) => ({ stepId, state })) };
  }

  /**
   * Rejects an order to CRM (驳回CRM) after its work order `workOrderId` completed with the rejection:
   * its other open work orders are cancelled, the order ends REJECTED with the reason, and the
   * rejection notice for CRM is queued on that work order (the interface worker sends it).
   */
  async rejectOrder(tx: Tx, rejected: { orderId: number; orderNo: string; workOrderId: number; reason: string; now: Date }): Promise<void> {
    const { orderId, workOrderId, reason, now } = rejected;
    await endOrder(tx, { orderId, workOrderId, state: 'REJECTED', fields: { rejectedAt: now, rejectReason: reason }, action: 'REJECT_ORDER', detail: `Rejected to CRM: ${reason}`, now });
    const notice = { orderNo: rejected.orderNo, rejectedAt: now.toISOString(), reason };
    await tx.crmOutboundNotice.upsert({ where: { orderId_kind: { orderId, kind: 'REJECTION' } }, create: { orderId, kind: 'REJECTION', payload: notice, createdAt: now }, update: {} });
    await tx.interfaceRequest.create({ data: { system: 'CRM', kind: 'REJECTION_NOTICE', orderId, workOrderId, request: notice, createdAt: now, nextAttemptAt: now } });
  }

  async parkWorkOrder(tx: Tx, parked: ParkedWorkOrder): Promise<void> {
    await rawExecute(tx, transitionSql.parkWorkOrder(parked));
  }

  /** Writes what a transition decided; nothing when it changes nothing. */
  async write(tx: Tx, transition: Transition): Promise<void> {
    if (!transition.completed && transition.created.length === 0 && !transition.orderCompletedAt && !transition.orderStarted) return;
    await rawExecute(tx, transitionSql.write(transition));
  }
}
