import type { Action } from '../../auth/permissions.ts';

/** Rows of organisations whose data a staff member may see: a list of materialised-path prefixes. */
export interface DataScope {
  orgPaths: string[];
}

/** The authenticated session of a request, as resolvers and services see it. */
export interface ViewerRecord {
  sessionId: string;
  userId: number;
  loginName: string;
  /** Null until a staff number is picked. */
  staffId: number | null;
  /** Menus shown (menu permissions). */
  menus: string[];
  /** Menus whose changes are allowed (menu permissions with operate). */
  operableMenus: ReadonlySet<string>;
  permissions: ReadonlySet<Action>;
  scope: DataScope;
  idleTimeoutMinutes: number;
}

export interface SessionRow {
  id: string;
  userId: number;
  loginName: string;
  staffId: number | null;
  lastSeenAt: Date;
  endedAt: Date | null;
}

export interface UserRow {
  id: number;
  loginName: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** Client facts recorded on a session (never the password or token). */
export interface LoginMeta {
  hostAddress: string | null;
  userAgent: string | null;
}
