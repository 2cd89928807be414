import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

/**
 * What to show for a refused assignment, with its code: English screens show the API's message (it
 * names the work order, team and step), other languages the code's own text.
 */
export function dispatchRefusalText(t: TFunction, refusal: { code: string; message: string } | null | undefined): string {
  if (!refusal) return t('common.loadFailed');
  const message = currentLanguage() === 'en' ? refusal.message : t(`dispatchCenter.refusals.${refusal.code}`, { defaultValue: refusal.message });
  return t('workOrders.refused', { code: refusal.code, message });
}
