import type { WorkOrderState } from '@openiom/db';

export interface WorkOrderRecord {
  id: number;
  workOrderNo: string;
  orderId: number;
  stepId: number;
  state: WorkOrderState;
  createdAt: Date;
  completedAt: Date | null;
  result: string | null;
  note: string | null;
}
