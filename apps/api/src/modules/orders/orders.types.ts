import type { CrmMessageState, OrderState, TimeState } from '@openiom/db';
import type { ConnectionRecord } from '../../lib/connection.ts';

export interface OrderRecord {
  id: number;
  orderNo: string;
  crmOrderCode: string;
  businessCode: string;
  orderType: string;
  state: OrderState;
  acceptanceNo: string | null;
  customerName: string;
  customerPhone: string | null;
  address: string;
  organisationId: number | null;
  templateId: number;
  productCode: string | null;
  broadbandAccount: string | null;
  acceptedAt: Date;
  completedAt: Date | null;
  timeState: TimeState;
  warnAt: Date | null;
  dueAt: Date | null;
  cancelledAt: Date | null;
  rejectedAt: Date | null;
  rejectReason: string | null;
  /** First appointment agreed by the dispatch center. */
  appointmentAt: Date | null;
}

export type OrderConnectionRecord = ConnectionRecord<OrderRecord>;

export interface CrmInboundMessageRecord {
  id: bigint;
  format: string;
  state: CrmMessageState;
  crmOrderCode: string | null;
  failureReason: string | null;
  orderId: number | null;
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
}

export interface OrderLogRecord {
  id: bigint;
  action: string;
  detail: string;
  workOrderId: number | null;
  createdAt: Date;
}

export interface WorkOrderEventRecord {
  state: string;
  workOrderId: number;
  orderId: number;
}

export interface OrderEventRecord {
  state: string;
  orderId: number;
}
