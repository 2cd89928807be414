export interface StaffRecord {
  id: number;
  staffNo: string;
  name: string;
  phone: string | null;
  active: boolean;
  organisationId: number;
}

export interface OnlineStaffRecord {
  sessionId: string;
  staffId: number;
  hostAddress: string | null;
  loginAt: Date;
  lastSeenAt: Date;
}

export interface OnlineStaffEventRecord {
  change: 'LOGGED_IN' | 'LOGGED_OUT';
  sessionId: string;
  staffId: number;
}

export type StaffSortField = 'STAFF_NO' | 'NAME';
export type SortDirection = 'ASC' | 'DESC';

export interface StaffPageRequest {
  first: number;
  after: string | null;
  search: string | null;
  organisationPath: string | null;
  sortBy: StaffSortField;
  sortDirection: SortDirection;
}

export interface StaffPage {
  items: { cursor: string; node: StaffRecord }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}
