import type { GeoBox } from '../../integrations/geocoder/demo-area.ts';

export type { GeoBox };

export interface MapStaffRecord {
  staffId: number;
  staffNo: string;
  name: string;
  phone: string | null;
  organisationCode: string;
  at: Date;
  latitude: number;
  longitude: number;
  inProgress: number;
}

export interface MapWorkOrderRecord {
  id: number;
  workOrderNo: string;
  orderNo: string;
  state: 'PENDING' | 'IN_PROGRESS' | 'MANUAL_EXCEPTION' | 'COMPLETED' | 'CANCELLED';
  stepCode: string;
  stepName: string;
  customerName: string;
  address: string;
  latitude: number;
  longitude: number;
  handlerStaffNo: string | null;
  positionId: number | null;
  timeState: 'NORMAL' | 'WARNING' | 'OVERDUE';
}

export interface TrackPointRecord {
  at: Date;
  latitude: number;
  longitude: number;
  accuracy: number | null;
}

export interface TrackEventRecord {
  at: Date;
  action: string;
  workOrderId: number | null;
  workOrderNo: string | null;
  orderNo: string;
  detail: string;
}

export interface StaffTrackRecord {
  staffId: number;
  staffNo: string;
  name: string;
  points: TrackPointRecord[];
  events: TrackEventRecord[];
  truncated: boolean;
}

export interface StaffMessageRecord {
  id: bigint;
  fromStaffNo: string | null;
  fromName: string | null;
  toStaffId: number;
  toStaffNo: string;
  text: string;
  workOrderNo: string | null;
  createdAt: Date;
  readAt: Date | null;
}
