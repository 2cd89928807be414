import type { WorkOrderState } from '@openiom/db';

export type SupervisionListName = 'OVERDUE' | 'WARNING' | 'CLAIM_TIMEOUT';

/** Thresholds of the supervision lists (from `ApiConfig.supervision`). */
export interface SupervisionThresholds {
  overdueHours: number;
  warningHours: number;
  claimTimeoutHours: number;
  claimStepCodes: string[];
}

/** The screen's filter, resolved: an area's materialised path and a search text. */
export interface SupervisionOrderFilter {
  areaPath: string | null;
  search: string | null;
}

/** One row of a supervision list, as the repository reads it. */
export interface SupervisionRowRecord {
  list: SupervisionListName;
  orderId: string;
  orderNo: string;
  workOrderId: string | null;
  workOrderNo: string | null;
  workOrderState: WorkOrderState | null;
  stepCode: string | null;
  stepName: string | null;
  stepNameEn: string | null;
  customerName: string;
  customerPhone: string | null;
  address: string;
  acceptedAt: Date;
  since: Date;
  ageMinutes: number;
  teamId: string | null;
  teamName: string | null;
  teamNameEn: string | null;
  installerId: string | null;
  installerName: string | null;
  installerStaffNo: string | null;
  installerPhone: string | null;
}

export interface SupervisionListPageRecord {
  rows: SupervisionRowRecord[];
  total: number;
}

export interface SupervisionRecord {
  asOf: Date;
  nextChangeAt: Date | null;
  thresholds: SupervisionThresholds;
  overdue: SupervisionListPageRecord;
  warning: SupervisionListPageRecord;
  claimTimeout: SupervisionListPageRecord;
}
