import { useSyncExternalStore } from 'react';

/** localStorage key of the bearer token. */
export const TOKEN_STORAGE_KEY = 'openiom.token';

/**
 * Why the session ended, shown on the login page:
 * - `session-ended`: the server no longer knows the token (expired, ended by an administrator or
 *   by a login elsewhere);
 * - `idle`: no activity for `viewer.idleTimeoutMinutes`;
 * - `logged-out`: the user pressed "Log out";
 * - `other-tab`: the user logged out in another tab of this browser.
 */
export type SignOutReason = 'session-ended' | 'idle' | 'logged-out' | 'other-tab';

type Listener = () => void;

const listeners = new Set<Listener>();
let current: string | null = readStoredToken();
let lastReason: SignOutReason | null = null;

function readStoredToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeStoredToken(token: string | null): void {
  try {
    if (token === null) globalThis.localStorage?.removeItem(TOKEN_STORAGE_KEY);
    else globalThis.localStorage?.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Private mode or storage full: the session still works until the tab is closed.
  }
}

function emit(): void {
  for (const listener of [...listeners]) listener();
}

export function getToken(): string | null {
  return current;
}

export function setToken(token: string): void {
  lastReason = null;
  if (current === token) return;
  current = token;
  writeStoredToken(token);
  emit();
}

/** Forgets the token. A second call keeps the first reason (the first cause is the true one). */
export function clearToken(reason: SignOutReason): void {
  if (current === null) return;
  current = null;
  lastReason = reason;
  writeStoredToken(null);
  emit();
}

/** Why the last session ended, or null when a session is open or none ever was. */
export function getSignOutReason(): SignOutReason | null {
  return lastReason;
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current token; re-renders when it changes (also when another tab changes it). */
export function useAuthToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken, getToken);
}

// Other tabs share the session through localStorage: follow their logins and logouts.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_STORAGE_KEY && event.key !== null) return;
    const next = readStoredToken();
    if (next === current) return;
    current = next;
    lastReason = next === null ? 'other-tab' : null;
    emit();
  });
}
