import type { TimeState, WorkOrderState } from '@openiom/db';

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
