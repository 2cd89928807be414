import type { TimeState, WorkOrderState } from '@openiom/db';
import type { ConnectionRecord } from '../../lib/connection.ts';
import type { OrderCriteria, OrderFilterInput, TimeRange } from '../orders/order-query.ts';

export interface WorkOrderRecord {
  id: number;
  workOrderNo: string;
  orderId: number;
  stepId: number;
  positionId: number | null;
  staffId: number | null;
  state: WorkOrderState;
  createdAt: Date;
  completedAt: Date | null;
  result: string | null;
  note: string | null;
  deferredTo: string | null;
  timeState: TimeState;
  acceptDueAt: Date | null;
  acceptOverdue: boolean;
  warnAt: Date | null;
  dueAt: Date | null;
}

/** A printed work-order sheet before its order and printer are loaded. */
export interface WorkOrderSheetRecord {
  workOrder: WorkOrderRecord;
  copy: number;
  printedAt: Date;
  printedBy: number | null;
}

export type WorkOrderConnectionRecord = ConnectionRecord<WorkOrderRecord>;

/** The work-order query's conditions as parsed from the input. */
export interface WorkOrderFilterInput {
  order: OrderFilterInput | null;
  workOrderNo: string | null;
  positionId: number | null;
  categoryCode: string | null;
  typeCode: string | null;
  pendingInstall: boolean | null;
  open: boolean | null;
  timeState: TimeState | null;
  acceptOverdue: boolean | null;
  state: WorkOrderState | null;
  createdAt: TimeRange | null;
}

/** The conditions ready for the repository (the order's business area resolved). */
export type WorkOrderCriteria = Omit<WorkOrderFilterInput, 'order'> & { order: OrderCriteria | null };

export type WorkOrderSortField = 'CREATED_AT' | 'WORK_ORDER_NO';

/** A work-order type with its category. */
export interface WorkOrderTypeRecord {
  code: string;
  name: string;
  nameEn: string;
  category: { code: string; name: string; nameEn: string };
}
