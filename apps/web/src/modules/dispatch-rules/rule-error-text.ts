import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

const known = new Set(['DUPLICATE_RULE', 'NO_SUCH_POSITION', 'NO_SUCH_TYPE', 'NO_SUCH_ORGANISATION', 'NOT_FOUND']);

/**
 * A refused dispatch-rule change in the screen's language: English screens show the server's own
 * message (it names the rule and the area); others the translation of its code.
 */
export function ruleErrorText(t: TFunction, error: { code: string; message: string } | null | undefined): string {
  if (!error) return t('dispatchRules.errors.unknown');
  if (currentLanguage() === 'en' || !known.has(error.code)) return error.message;
  return t(`dispatchRules.errors.${error.code}`);
}
