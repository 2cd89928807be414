import type { ExternalSystem, InterfaceRequestState } from '@openiom/db';

export interface InterfaceRequestRecord {
  id: bigint;
  orderId: number;
  workOrderId: number;
  system: ExternalSystem;
  kind: string;
  state: InterfaceRequestState;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}
