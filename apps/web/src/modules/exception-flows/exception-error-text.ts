import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

const known = new Set(['DUPLICATE_CODE', 'NOT_FOUND', 'MANUAL_TYPE', 'IN_USE', 'STALE', 'UNKNOWN_EXCEPTION_TYPE', 'UNKNOWN_STEP', 'INVALID_GRAPH']);
/** Codes whose server message names what matters (the templates, steps or problems): shown after the translation. */
const withDetail = new Set(['IN_USE']);

/**
 * A refused change in the screen's language: English screens show the server's own message;
 * Chinese ones the translation of its code, followed by the server's message where only it names
 * the templates and steps concerned.
 */
export function exceptionErrorText(t: TFunction, error: { code: string; message: string } | null | undefined): string {
  if (!error) return t('exceptionFlows.errors.unknown');
  if (currentLanguage() === 'en' || !known.has(error.code)) return error.message;
  const text = t(`exceptionFlows.errors.${error.code}`);
  return withDetail.has(error.code) ? `${text}${error.message}` : text;
}
