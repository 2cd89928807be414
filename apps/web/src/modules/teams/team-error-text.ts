import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

const known = new Set(['NOT_FOUND', 'DUPLICATE_CODE', 'NO_SUCH_ORGANISATION', 'NO_SUCH_STAFF', 'NO_POSITION_TYPE', 'ALREADY_MEMBER', 'NOT_A_MEMBER', 'IN_FLIGHT', 'STAFF_INACTIVE', 'ORGANISATION_FIXED', 'EXTERNAL_FAILURE', 'SYNC_RUNNING']);

/**
 * A refused team change in the screen's language: English screens show the server's own message
 * (it names the team, the person and the work orders); others the translation of its code (the
 * work orders are listed beside it).
 */
export function teamErrorText(t: TFunction, error: { code: string; message: string } | null | undefined): string {
  if (!error) return t('teams.errors.unknown');
  if (currentLanguage() === 'en' || !known.has(error.code)) return error.message;
  return t(`teams.errors.${error.code}`);
}
