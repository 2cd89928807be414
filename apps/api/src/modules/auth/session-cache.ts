import type { ViewerRecord } from './auth.types.ts';

interface Entry {
  viewer: ViewerRecord;
  /** Last-seen time this process knows of (another instance may have a later one). */
  lastSeenAt: Date;
  cachedAt: number;
}

/**
 * Authenticated sessions by token hash, so that a request does not read the session and the staff
 * grants from the database every time. Entries are dropped when the session changes or ends (on
 * this instance at once, on others through the `auth.session-changed` event) and expire after
 * `ttlMs` at the latest, which bounds how long a change made without an event (e.g. positions
 * edited in the database) takes to apply.
 */
export class SessionCache {
  private readonly byTokenHash = new Map<string, Entry>();
  private readonly tokenHashBySession = new Map<string, string>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, nowMs: number): Entry | undefined {
    const entry = this.byTokenHash.get(tokenHash);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAt > this.ttlMs) {
      this.drop(tokenHash, entry.viewer.sessionId);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, viewer: ViewerRecord, lastSeenAt: Date, nowMs: number): void {
    if (this.byTokenHash.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const [oldestHash, oldest] = this.byTokenHash.entries().next().value as [string, Entry];
      this.drop(oldestHash, oldest.viewer.sessionId);
    }
    this.byTokenHash.set(tokenHash, { viewer, lastSeenAt, cachedAt: nowMs });
    this.tokenHashBySession.set(viewer.sessionId, tokenHash);
  }

  /** Forgets every session (their last-seen times moved). */
  get size(): number {
    return this.byTokenHash.size;
  }

  clear(): void {
    this.byTokenHash.clear();
    this.tokenHashBySession.clear();
  }

  /** Forgets a session (it changed or ended). */
  invalidate(sessionId: string): void {
    const tokenHash = this.tokenHashBySession.get(sessionId);
    if (tokenHash) this.drop(tokenHash, sessionId);
  }

  private drop(tokenHash: string, sessionId: string): void {
    this.byTokenHash.delete(tokenHash);
    this.tokenHashBySession.delete(sessionId);
  }
}
