/**
 * Every pub/sub topic and its payload. Payloads carry ids, never rows: subscribers reload through
 * the service so that permissions apply to each event.
 */
export interface TopicPayloads {
  /** A staff member logged in or out (any reason). */
  'staff.online-changed': { change: 'LOGGED_IN' | 'LOGGED_OUT'; sessionId: string; staffId: number };
  /**
   * A session changed (staff number picked) or ended. Every instance forgets its cached copy; when
   * `ended`, servers also close the session's WebSocket connections.
   */
  'auth.session-changed': { sessionId: string; ended: boolean };
  /** A work order was created or changed state, position or handler. */
  'work-order.changed': { workOrderId: number; orderId: number; state: string };
  /** An order changed state (executing, completed, cancelled). */
  'order.changed': { orderId: number; state: string };
  /** An order or work order turned warning or overdue, or was not accepted in time (written by the alarm scanner). */
  'alarm.changed': { subject: 'ORDER' | 'WORK_ORDER'; id: number; orderId: number; timeState: 'NORMAL' | 'WARNING' | 'OVERDUE'; acceptOverdue: boolean };
  /** Configuration cached in memory changed: every instance drops these caches (null: all of them; see StaticDataCaches). */
  'config.changed': { caches: string[] | null };
  /**
   * Commands of a switch batch were sent, confirmed, refused or ran out of time (published straight
   * to pub/sub, at most every 200 ms per batch: subscribers re-read the counts, so a lost one is harmless).
   */
  'switch.batch-changed': { batchId: number };
  /** A prepaid account's balance, credit or restriction changed (published after commit; subscribers re-read it). */
  'prepaid.account-changed': { accountId: number };
  /**
   * Reminders of a dunning schedule were sent or refused, or its numbers paid or were cancelled
   * (published straight to pub/sub after the commit, at most every 200 ms per schedule: subscribers
   * re-read the schedule, so a lost one is harmless).
   */
  'dunning.changed': { scheduleId: number };
  /** The test-mode clock moved (not through the outbox: it is no database change). */
  'clock.changed': { offsetMs: number };
  /** A bill import progressed or finished (published directly while it runs: progress is no committed change worth an outbox row). */
  'billing.import-changed': { importId: number; billingMonth: string };
  /**
   * Staff whose newest position moved (published straight to pub/sub after the commit, coalesced
   * every 200 ms: high-rate, each report supersedes the last, subscribers re-read the positions).
   */
  'staff.locations-changed': { staffIds: number[] };
  /** A message was written for a staff member (through the outbox: it is a committed change the receiver must see). */
  'staff.message-sent': { messageId: string; toStaffId: number };
}

export type Topic = keyof TopicPayloads;
export const topics: readonly Topic[] = ['staff.online-changed', 'auth.session-changed', 'work-order.changed', 'order.changed', 'alarm.changed', 'config.changed', 'clock.changed', 'billing.import-changed', 'switch.batch-changed', 'prepaid.account-changed', 'dunning.changed', 'staff.locations-changed', 'staff.message-sent'];
