import type { OrderState } from '@openiom/db';

export type InstallKind = 'INSTALL' | 'MOVE' | 'REMOVAL';
export type InstallStatisticsGroup = 'CITY' | 'DISTRICT' | 'TEAM' | 'INSTALLER';
export type InstallStatisticsMeasure = 'COMPLETED' | 'RECEIVED' | 'IN_FLIGHT';

/** The reference business code whose IOM workflow defines each kind. */
export const KIND_BUSINESS_CODES: Record<InstallKind, string> = { INSTALL: 'BROADBAND_NEW', MOVE: 'BROADBAND_MOVE', REMOVAL: 'BROADBAND_REMOVE' };

/** A range of local days as instants: [from, to). */
export interface InstantRange {
  from: Date;
  to: Date;
}

export interface InstallStatisticsRowRecord {
  key: string | null;
  name: string | null;
  nameEn: string | null;
  installsCompleted: number;
  movesCompleted: number;
  removalsCompleted: number;
  received: number;
  inFlight: number;
}

export interface InstallStatisticsRecord {
  from: string;
  to: string;
  groupBy: InstallStatisticsGroup;
  timeZone: string;
  rows: InstallStatisticsRowRecord[];
}

export interface InstallStatisticsOrderRecord {
  orderId: string;
  orderNo: string;
  kind: InstallKind;
  state: OrderState;
  customerName: string;
  address: string;
  acceptedAt: Date;
  completedAt: Date | null;
  workOrderId: string | null;
  workOrderNo: string | null;
  teamName: string | null;
  teamNameEn: string | null;
  installerName: string | null;
  installerStaffNo: string | null;
}
