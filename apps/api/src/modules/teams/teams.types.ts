/** A team as resolvers see it (relations by id, through loaders). */
export interface TeamRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  organisationId: number;
  positionId: number;
  externalId: string | null;
  active: boolean;
  syncedAt: Date | null;
  members: TeamMemberRecord[];
}

export interface TeamMemberRecord {
  staffId: number;
  leader: boolean;
}

export type InFlightWorkState = 'PENDING' | 'IN_PROGRESS' | 'MANUAL_EXCEPTION' | 'PLANNED';

/** One piece of in-flight work that a team or a person still holds. */
export interface InFlightWork {
  orderNo: string;
  workOrderNo: string | null;
  stepCode: string;
  stepName: string;
  stepNameEn: string;
  state: InFlightWorkState;
  handler: string | null;
}

export interface UserErrorRecord {
  code: string;
  message: string;
  field?: string | null;
}

export interface TeamResultRecord {
  ok: boolean;
  error: UserErrorRecord | null;
  team: TeamRecord | null;
  inFlight: InFlightWork[];
}

export interface SetStaffActiveResultRecord {
  ok: boolean;
  error: UserErrorRecord | null;
  staff: { id: number; staffNo: string; name: string; phone: string | null; active: boolean; organisationId: number } | null;
  inFlight: InFlightWork[];
}

export type AccountSyncChangeKind =
  | 'TEAM_CREATED'
  | 'TEAM_UPDATED'
  | 'TEAM_DEACTIVATED'
  | 'STAFF_CREATED'
  | 'STAFF_UPDATED'
  | 'STAFF_DEACTIVATED'
  | 'STAFF_REACTIVATED'
  | 'MEMBER_ADDED'
  | 'MEMBER_REMOVED'
  | 'MEMBER_UPDATED';

export interface AccountSyncChange {
  kind: AccountSyncChangeKind;
  subject: string;
  detail: string;
}

export interface AccountSyncRefusal {
  kind: AccountSyncChangeKind;
  subject: string;
  reason: string;
  inFlight: InFlightWork[];
}

export interface AccountSyncResultRecord {
  ok: boolean;
  error: UserErrorRecord | null;
  at: Date | null;
  applied: AccountSyncChange[];
  refused: AccountSyncRefusal[];
}
