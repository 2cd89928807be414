import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

const known = new Set(['DUPLICATE_CODE', 'NOT_FOUND', 'NO_SUCH_CATEGORY', 'IN_USE']);

/**
 * A refused category or type change in the screen's language. English screens show the server's own
 * message; Chinese ones the translation of its code, and for IN_USE the server's message after it,
 * because only the server's message names what still uses the record.
 */
export function typeErrorText(t: TFunction, error: { code: string; message: string } | null | undefined): string {
  if (!error) return t('workOrderTypes.errors.unknown');
  if (currentLanguage() === 'en' || !known.has(error.code)) return error.message;
  const text = t(`workOrderTypes.errors.${error.code}`);
  return error.code === 'IN_USE' ? `${text}${error.message}` : text;
}
