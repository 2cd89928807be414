import type { BillingLevel, PositionKind, Prisma, PrismaClient, SessionEndReason } from '@openiom/db';
import type { SessionRow, UserRow } from './auth.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Accounts and sessions: the only Prisma-aware code of the auth module. */
export class AuthRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findUser(loginName: string): Promise<UserRow | null> {
    return this.prisma.userAccount.findUnique({
      where: { loginName },
      select: { id: true, loginName: true, passwordHash: true, failedAttempts: true, lockedUntil: true },
    });
  }

  async recordFailure(userId: number, failedAttempts: number, lockedUntil: Date | null): Promise<void> {
    await this.prisma.userAccount.update({ where: { id: userId }, data: { failedAttempts, lockedUntil } });
  }

  async clearFailures(db: Db, userId: number): Promise<void> {
    await db.userAccount.update({ where: { id: userId }, data: { failedAttempts: 0, lockedUntil: null } });
  }

  /** Active staff numbers owned by an account, by staff number. */
  async activeStaffIds(userId: number): Promise<number[]> {
    const rows = await this.prisma.staff.findMany({ where: { userId, active: true }, select: { id: true }, orderBy: { staffNo: 'asc' } });
    return rows.map((row) => row.id);
  }

  async staffOwner(staffId: number): Promise<{ userId: number | null; active: boolean } | null> {
    return this.prisma.staff.findUnique({ where: { id: staffId }, select: { userId: true, active: true } });
  }

  async createSession(
    db: Db,
    data: { tokenHash: string; userId: number; staffId: number | null; hostAddress: string | null; userAgent: string | null; now: Date },
  ): Promise<string> {
    const row = await db.session.create({
      data: {
        tokenHash: data.tokenHash,
        userId: data.userId,
        staffId: data.staffId,
        hostAddress: data.hostAddress,
        userAgent: data.userAgent,
        createdAt: data.now,
        lastSeenAt: data.now,
        loginAt: data.staffId === null ? null : data.now,
      },
      select: { id: true },
    });
    return row.id;
  }

  findSessionByTokenHash(tokenHash: string): Promise<SessionRow | null> {
    return this.findSessionWhere({ tokenHash });
  }

  findSession(id: string): Promise<SessionRow | null> {
    return this.findSessionWhere({ id });
  }

  /** Sessions by id, in one query (missing ones are absent). */
  async findSessions(ids: readonly string[]): Promise<SessionRow[]> {
    const rows = await this.prisma.session.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, userId: true, staffId: true, lastSeenAt: true, endedAt: true, user: { select: { loginName: true } } },
    });
    return rows.map((row) => ({ id: row.id, userId: row.userId, staffId: row.staffId, lastSeenAt: row.lastSeenAt, endedAt: row.endedAt, loginName: row.user.loginName }));
  }

  private async findSessionWhere(where: Prisma.SessionWhereUniqueInput): Promise<SessionRow | null> {
    const row = await this.prisma.session.findUnique({
      where,
      select: { id: true, userId: true, staffId: true, lastSeenAt: true, endedAt: true, user: { select: { loginName: true } } },
    });
    return row && { id: row.id, userId: row.userId, staffId: row.staffId, lastSeenAt: row.lastSeenAt, endedAt: row.endedAt, loginName: row.user.loginName };
  }

  async touch(sessionId: string, now: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }

  async setStaff(db: Db, sessionId: string, staffId: number, now: Date): Promise<void> {
    await db.session.update({ where: { id: sessionId }, data: { staffId, loginAt: now, lastSeenAt: now } });
  }

  /** Ends an open session; returns its staff id, or undefined when it had already ended. */
  async endSession(db: Db, sessionId: string, reason: SessionEndReason, now: Date): Promise<{ staffId: number | null } | undefined> {
    const rows = await db.$queryRaw<{ staff_id: number | null }[]>`
      UPDATE session SET ended_at = ${now}, end_reason = ${reason}::"SessionEndReason"
      WHERE id = ${sessionId}::uuid AND ended_at IS NULL RETURNING staff_id`;
    return rows[0] ? { staffId: rows[0].staff_id } : undefined;
  }

  /** Ends every open session idle since before `cutoff`; returns what was ended. */
  endIdleSessions(db: Db, cutoff: Date, now: Date): Promise<{ id: string; staff_id: number | null }[]> {
    return db.$queryRaw<{ id: string; staff_id: number | null }[]>`
      UPDATE session SET ended_at = ${now}, end_reason = 'IDLE'::"SessionEndReason"
      WHERE ended_at IS NULL AND last_seen_at < ${cutoff} RETURNING id::text AS id, staff_id`;
  }

  /**
   * What a staff number's permissions derive from: the kinds of the position types held (the role),
   * its menu permissions (view, and which of those it may operate) and its data permissions (the
   * materialised paths of the organisations whose subtrees it sees).
   */
  async staffGrants(staffId: number): Promise<{ kinds: PositionKind[]; billingLevel: BillingLevel | null; menus: string[]; operableMenus: string[]; orgPaths: string[] } | null> {
    const staff = await this.prisma.staff.findUnique({
      where: { id: staffId },
      select: {
        billingLevel: true,
        positions: { select: { position: { select: { positionType: { select: { kind: true } } } } } },
        menus: { select: { menuCode: true, operate: true }, orderBy: { menuCode: 'asc' } },
        dataScopes: { select: { organisation: { select: { path: true } } } },
      },
    });
    if (!staff) return null;
    const kinds = new Set(staff.positions.map(({ position }) => position.positionType.kind));
    return {
      kinds: [...kinds],
      billingLevel: staff.billingLevel,
      menus: staff.menus.map((menu) => menu.menuCode),
      operableMenus: staff.menus.filter((menu) => menu.operate).map((menu) => menu.menuCode),
      orgPaths: coveringPaths(staff.dataScopes.map((scope) => scope.organisation.path)),
    };
  }
}

/** Drops paths inside another path of the list (a subtree already covered), sorted. */
export function coveringPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((path) => !sorted.some((other) => other !== path && path.startsWith(other)));
}
