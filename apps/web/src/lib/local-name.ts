import { currentLanguage } from './i18n';

/** An organisation's or position's name in the UI language (Chinese names are the operators' own; English falls back to them). */
export function localName(org: { name: string; nameEn: string } | null | undefined, lng = currentLanguage()): string {
  if (!org) return '';
  return lng === 'en' && org.nameEn ? org.nameEn : org.name;
}
