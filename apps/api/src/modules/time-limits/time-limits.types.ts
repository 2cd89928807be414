import type { TimeState } from '@openiom/db';

/** An `alarm.changed` event as subscribers receive it. */
export interface AlarmEventRecord {
  subject: 'ORDER' | 'WORK_ORDER';
  id: number;
  orderId: number;
  timeState: TimeState;
  acceptOverdue: boolean;
}

/** Due times of a work order, stored with it at creation (all null when its type has no limit). */
export interface WorkOrderDueTimes {
  acceptDueAt: Date | null;
  warnAt: Date | null;
  dueAt: Date | null;
  nextAlarmAt: Date | null;
}

/** Due times of an order, stored with it at creation (null when its order type has no limit). */
export interface OrderDueTimes {
  warnAt: Date | null;
  dueAt: Date | null;
  nextAlarmAt: Date | null;
}

export interface LimitHours {
  acceptHours?: number;
  warningHours: number;
  processHours: number;
}
