import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

/** A refusal of a work-order action, as the API returns it. */
export interface Refusal {
  code: string;
  message: string;
}

/**
 * What to show for a refusal, with its code. The API words its refusals in English, naming the work
 * orders and positions involved: English screens show that; other languages show the code's own text.
 */
export function refusalText(t: TFunction, refusal: Refusal | null | undefined): string {
  if (!refusal) return t('common.loadFailed');
  const known = `workOrders.refusals.${refusal.code}`;
  const message = currentLanguage() === 'en' ? refusal.message : t(known, { defaultValue: refusal.message });
  return t('workOrders.refused', { code: refusal.code, message });
}
