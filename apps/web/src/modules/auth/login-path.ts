import type { SignOutReason } from '../../lib/auth-token';

const REASONS: readonly SignOutReason[] = ['session-ended', 'idle', 'logged-out', 'other-tab'];

/**
 * A `next` target that is safe to navigate to after login: a path of this app, never another
 * origin (`//evil.example`, `https://…`) and never the login page itself.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  return next;
}

export function parseSignOutReason(value: string | null): SignOutReason | null {
  return REASONS.find((r) => r === value) ?? null;
}

/**
 * Where to send someone who has no session: the login page, remembering the page they wanted
 * (not after a deliberate logout: they start again from home) and why they were sent there.
 */
export function loginPath(
  location: { pathname: string; search?: string; hash?: string },
  reason: SignOutReason | null,
): string {
  const params = new URLSearchParams();
  const wanted = `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
  const deliberate = reason === 'logged-out' || reason === 'other-tab';
  if (!deliberate && wanted !== '/' && safeNextPath(wanted) === wanted) params.set('next', wanted);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
