import type { SwitchAction, SwitchBatchKind, SwitchCommandState } from '@openiom/db';

/** A batch's counts as the API shows them. */
export interface SwitchBatchCountsRecord {
  submitted: number;
  accepted: number;
  succeeded: number;
  failed: number;
  notCompleted: number;
  waiting: number;
}

/** A switch batch with its operator and counts (the GraphQL `SwitchBatch`). */
export interface SwitchBatchRecord {
  id: number;
  kind: SwitchBatchKind;
  action: SwitchAction;
  description: string;
  staffNo: string | null;
  staffName: string | null;
  createdAt: Date;
  counts: SwitchBatchCountsRecord;
}

/** One switch command (the GraphQL `SwitchCommand`). */
export interface SwitchCommandRecord {
  id: bigint;
  phone: string;
  action: SwitchAction;
  state: SwitchCommandState;
  attempts: number;
  reason: string | null;
  sentAt: Date | null;
  answeredAt: Date | null;
}
