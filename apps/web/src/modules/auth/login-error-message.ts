import type { TFunction } from 'i18next';

/** Codes the login screens translate; anything else shows the server's own message. */
const KNOWN_CODES = [
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'NO_STAFF_NUMBER',
  'NOT_YOUR_STAFF_NUMBER',
  'STAFF_INACTIVE',
] as const;

export function loginErrorMessage(t: TFunction, error: { code: string; message: string }): string {
  if ((KNOWN_CODES as readonly string[]).includes(error.code)) return t(`login.errors.${error.code}`);
  return t('login.errors.unknown', { message: error.message || error.code });
}
