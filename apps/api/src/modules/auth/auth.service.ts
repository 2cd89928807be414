import { hash, verify } from '@node-rs/argon2';
import DataLoader from 'dataloader';
import type { PrismaClient } from '@openiom/db';
import type { ApiConfig } from '../../config.ts';
import { AppError } from '../../errors/app-error.ts';
import { permissionsFor } from '../../auth/permissions.ts';
import { hashToken, newSessionToken } from '../../auth/tokens.ts';
import { enqueueEvent, type OutboxRelay } from '../../pubsub/outbox.ts';
import { AuthRepository } from './auth.repository.ts';
import type { LoginMeta, SessionRow, ViewerRecord } from './auth.types.ts';
import { SessionCache } from './session-cache.ts';

export type AuthFailureCode = 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'NO_STAFF_NUMBER' | 'NOT_YOUR_STAFF_NUMBER' | 'STAFF_INACTIVE' | 'SESSION_NOT_FOUND';
export interface AuthFailure {
  code: AuthFailureCode;
  message: string;
  field?: string;
}

/** What a request's token turned out to be. */
export type Authentication = { viewer: ViewerRecord } | { failure: 'INVALID_TOKEN' | 'SESSION_EXPIRED' } | null;

/** Last-seen is written at most this often per session, not on every request. */
const touchEveryMs = 30_000;

/**
 * Login, staff-number choice, sessions, lockout and idle logout. Passwords are checked with argon2id
 * and never logged; tokens are stored only as hashes.
 */
export class AuthService {
  private readonly repository: AuthRepository;
  private readonly cache = new SessionCache();
  /** Bumped whenever cached sessions are forgotten (permissions changed): older viewers are rebuilt. */
  private generation = 0;
  private readonly builtIn = new WeakMap<ViewerRecord, number>();
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly relay: OutboxRelay,
    private readonly config: ApiConfig['auth'],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new AuthRepository(prisma);
  }

  async login(loginName: string, password: string, meta: LoginMeta): Promise<{ ok: true; token: string; viewer: ViewerRecord } | { ok: false; error: AuthFailure }> {
    const now = this.now();
    const user = await this.repository.findUser(loginName.trim());
    if (!user) {
      // Spend the same time as a real check so that response times do not reveal which names exist.
      await verify(await this.getDummyHash(), password).catch(() => false);
      return { ok: false, error: invalidCredentials() };
    }
    if (user.lockedUntil && user.lockedUntil > now) return { ok: false, error: locked(user.lockedUntil, now) };

    if (!(await verify(user.passwordHash, password).catch(() => false))) {
      const attempts = user.failedAttempts + 1;
      if (attempts >= this.config.maxFailedLogins) {
        const until = new Date(now.getTime() + this.config.lockoutMinutes * 60_000);
        await this.repository.recordFailure(user.id, 0, until);
        return { ok: false, error: locked(until, now) };
      }
      await this.repository.recordFailure(user.id, attempts, null);
      return { ok: false, error: invalidCredentials() };
    }

    const staffIds = await this.repository.activeStaffIds(user.id);
    if (staffIds.length === 0) {
      return { ok: false, error: { code: 'NO_STAFF_NUMBER', message: 'This account owns no active staff number; ask an administrator.' } };
    }
    const token = newSessionToken();
    const staffId = staffIds.length === 1 ? staffIds[0] : null;
    const sessionId = await this.prisma.$transaction(async (tx) => {
      await this.repository.clearFailures(tx, user.id);
      const id = await this.repository.createSession(tx, { tokenHash: hashToken(token), userId: user.id, staffId, ...meta, now });
      if (staffId !== null) await enqueueEvent(tx, 'staff.online-changed', { change: 'LOGGED_IN', sessionId: id, staffId });
      return id;
    });
    if (staffId !== null) await this.relay.kick();
    const viewer = await this.buildViewer({ id: sessionId, userId: user.id, loginName: user.loginName, staffId, lastSeenAt: now, endedAt: null });
    return { ok: true, token, viewer };
  }

  async selectStaff(viewer: ViewerRecord, staffId: number): Promise<{ ok: true; viewer: ViewerRecord } | { ok: false; error: AuthFailure }> {
    const owner = await this.repository.staffOwner(staffId);
    if (!owner || owner.userId !== viewer.userId) {
      return { ok: false, error: { code: 'NOT_YOUR_STAFF_NUMBER', message: 'This staff number does not belong to your account.', field: 'staffId' } };
    }
    if (!owner.active) return { ok: false, error: { code: 'STAFF_INACTIVE', message: 'This staff number is disabled.', field: 'staffId' } };
    if (viewer.staffId === staffId) return { ok: true, viewer };
    const now = this.now();
    await this.prisma.$transaction(async (tx) => {
      await this.repository.setStaff(tx, viewer.sessionId, staffId, now);
      if (viewer.staffId !== null) {
        await enqueueEvent(tx, 'staff.online-changed', { change: 'LOGGED_OUT', sessionId: viewer.sessionId, staffId: viewer.staffId });
      }
      await enqueueEvent(tx, 'staff.online-changed', { change: 'LOGGED_IN', sessionId: viewer.sessionId, staffId });
      await enqueueEvent(tx, 'auth.session-changed', { sessionId: viewer.sessionId, ended: false });
    });
    this.cache.invalidate(viewer.sessionId);
    await this.relay.kick();
    return { ok: true, viewer: await this.buildViewer({ ...viewer, id: viewer.sessionId, staffId, lastSeenAt: now, endedAt: null }) };
  }

  async logout(viewer: ViewerRecord): Promise<void> {
    await this.end(viewer.sessionId, 'LOGOUT');
  }

  async forceLogout(sessionId: string): Promise<{ ok: true } | { ok: false; error: AuthFailure }> {
    const ended = await this.end(sessionId, 'FORCED');
    return ended ? { ok: true } : { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'No open session has this id.', field: 'sessionId' } };
  }

  /** Resolves a bearer token to its session; ends it (and says so) when it has been idle too long. */
  async authenticate(token: string | null | undefined): Promise<Authentication> {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const now = this.now();
    const cached = this.cache.get(tokenHash, now.getTime());
    // A cached session that looks idle is re-read: another instance may have seen it since.
    if (cached && now.getTime() - cached.lastSeenAt.getTime() <= this.idleMs()) {
      if (now.getTime() - cached.lastSeenAt.getTime() > touchEveryMs) {
        await this.repository.touch(cached.viewer.sessionId, now);
        cached.lastSeenAt = now;
      }
      return { viewer: cached.viewer };
    }
    const session = await this.repository.findSessionByTokenHash(tokenHash);
    if (!session) return { failure: 'INVALID_TOKEN' };
    if (session.endedAt) return { failure: 'SESSION_EXPIRED' };
    if (now.getTime() - session.lastSeenAt.getTime() > this.idleMs()) {
      await this.end(session.id, 'IDLE');
      return { failure: 'SESSION_EXPIRED' };
    }
    let lastSeenAt = session.lastSeenAt;
    if (now.getTime() - lastSeenAt.getTime() > touchEveryMs) {
      await this.repository.touch(session.id, now);
      lastSeenAt = now;
    }
    const viewer = await this.buildViewer(session);
    this.cache.set(tokenHash, viewer, lastSeenAt, now.getTime());
    return { viewer };
  }

  /** Forgets cached copies of sessions that changed on any instance (wired to `auth.session-changed`). */
  async forgetChangedSessions(events: AsyncIterable<{ sessionId: string }>): Promise<void> {
    for await (const { sessionId } of events) this.cache.invalidate(sessionId);
  }

  /** A DataLoader of sessions by id: the subscribers of one event re-check their sessions in one query. */
  createSessionLoader(): DataLoader<string, SessionRow | null> {
    return new DataLoader<string, SessionRow | null>(async (ids) => {
      const byId = new Map((await this.repository.findSessions(ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * Re-checks a session before a subscription event is sent: throws when it has ended. `sessions`
   * (see `createSessionLoader`) lets the subscribers of one event share the lookup.
   */
  async reauthorize(viewer: ViewerRecord, sessions?: DataLoader<string, SessionRow | null>): Promise<ViewerRecord> {
    const session = sessions ? await sessions.load(viewer.sessionId) : await this.repository.findSession(viewer.sessionId);
    if (!session || session.endedAt) throw new AppError('SESSION_EXPIRED', 'Your session has ended; log in again.');
    // Another staff number, or permissions changed since: subscriptions follow at their next event.
    if (session.staffId !== viewer.staffId || this.builtIn.get(viewer) !== this.generation) return this.buildViewer(session);
    return viewer;
  }

  /**
   * Test mode: the clock jumped forward by `jumpMs`. A jump is not idleness, so open sessions' last
   * activity moves with it (every instance then forgets its cached copies: `forgetCachedSessions`).
   */
  async carrySessionsAcrossClockJump(jumpMs: number): Promise<void> {
    await this.prisma.$executeRaw`UPDATE session SET last_seen_at = last_seen_at + make_interval(secs => ${jumpMs / 1000}) WHERE ended_at IS NULL`;
    this.cache.clear();
  }

  /** Sessions held in memory. */
  cachedSessions(): number {
    return this.cache.size;
  }

  forgetCachedSessions(): void {
    this.generation++;
    this.cache.clear();
  }

  /** Ends every session idle past the limit (run periodically so that the online list stays true). */
  async endIdleSessions(): Promise<number> {
    const now = this.now();
    const ended = await this.prisma.$transaction(async (tx) => {
      const rows = await this.repository.endIdleSessions(tx, new Date(now.getTime() - this.idleMs()), now);
      for (const row of rows) {
        await enqueueEvent(tx, 'auth.session-changed', { sessionId: row.id, ended: true });
        if (row.staff_id !== null) await enqueueEvent(tx, 'staff.online-changed', { change: 'LOGGED_OUT', sessionId: row.id, staffId: row.staff_id });
      }
      return rows.length;
    });
    if (ended > 0) await this.relay.kick();
    return ended;
  }

  async staffChoices(userId: number): Promise<number[]> {
    return this.repository.activeStaffIds(userId);
  }

  private async end(sessionId: string, reason: 'LOGOUT' | 'IDLE' | 'FORCED'): Promise<boolean> {
    const ended = await this.prisma.$transaction(async (tx) => {
      const result = await this.repository.endSession(tx, sessionId, reason, this.now());
      if (!result) return false;
      await enqueueEvent(tx, 'auth.session-changed', { sessionId, ended: true });
      if (result.staffId !== null) await enqueueEvent(tx, 'staff.online-changed', { change: 'LOGGED_OUT', sessionId, staffId: result.staffId });
      return true;
    });
    this.cache.invalidate(sessionId);
    if (ended) await this.relay.kick();
    return ended;
  }

  private async buildViewer(session: SessionRow): Promise<ViewerRecord> {
    const generation = this.generation;
    const grants = session.staffId === null ? null : await this.repository.staffGrants(session.staffId);
    const viewer: ViewerRecord = {
      sessionId: session.id,
      userId: session.userId,
      loginName: session.loginName,
      staffId: session.staffId,
      menus: grants?.menus ?? [],
      operableMenus: new Set(grants?.operableMenus ?? []),
      permissions: permissionsFor(grants?.kinds ?? [], grants?.billingLevel ?? null),
      scope: { orgPaths: grants?.orgPaths ?? [] },
      idleTimeoutMinutes: this.config.idleTimeoutMinutes,
    };
    this.builtIn.set(viewer, generation);
    return viewer;
  }

  private idleMs(): number {
    return this.config.idleTimeoutMinutes * 60_000;
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hash('openiom-timing-equaliser');
    return this.dummyHash;
  }
}

function invalidCredentials(): AuthFailure {
  return { code: 'INVALID_CREDENTIALS', message: 'Login name or password is wrong.', field: 'password' };
}

function locked(until: Date, now: Date): AuthFailure {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return { code: 'ACCOUNT_LOCKED', message: `Too many failed logins: the account is locked for ${minutes} more minute(s).` };
}
