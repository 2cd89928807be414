import type { TFunction } from 'i18next';
import { currentLanguage } from '../../lib/i18n';

const known = new Set(['DUPLICATE_CODE', 'NOT_FOUND', 'NO_SUCH_TEMPLATE', 'NO_SUCH_IOM_WORKFLOW', 'IN_USE']);

/**
 * A refused mapping change in the screen's language. English screens show the server's own message;
 * Chinese ones the translation of its code, and for IN_USE the server's message after it, because
 * only the server's message names what still uses the record.
 */
export function mappingErrorText(t: TFunction, error: { code: string; message: string } | null | undefined): string {
  if (!error) return t('workflowMappings.errors.unknown');
  if (currentLanguage() === 'en' || !known.has(error.code)) return error.message;
  const text = t(`workflowMappings.errors.${error.code}`);
  return error.code === 'IN_USE' ? `${text}${error.message}` : text;
}

/** The newest version of each template code (active versions first), for picking a template code. */
export function newestTemplates<T extends { code: string; version: number; active: boolean }>(versions: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const version of versions) {
    const kept = newest.get(version.code);
    const better = !kept || (version.active && !kept.active) || (version.active === kept.active && version.version > kept.version);
    if (better) newest.set(version.code, version);
  }
  return [...newest.values()].sort((a, b) => a.code.localeCompare(b.code));
}
