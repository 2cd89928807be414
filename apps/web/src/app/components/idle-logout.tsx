import { useIdleTimeout } from '../../modules/auth/hooks/use-idle-timeout';
import { useSignOut } from '../../modules/auth/hooks/use-sign-out';

/** Logs out after `minutes` without activity (the server enforces the same limit). */
export function IdleLogout({ minutes }: { minutes: number }) {
  const signOut = useSignOut();
  useIdleTimeout(minutes * 60_000, () => signOut('idle'));
  return null;
}
