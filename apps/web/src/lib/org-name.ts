import { currentLanguage } from './i18n';

/** An organisation's name in the UI language (Chinese names are the operators' own). */
export function orgName(org: { name: string; nameEn: string } | null | undefined, lng = currentLanguage()): string {
  if (!org) return '';
  return lng === 'en' && org.nameEn ? org.nameEn : org.name;
}
