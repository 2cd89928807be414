import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-cn';

/** localStorage key of the language the user picked. */
export const LANGUAGE_STORAGE_KEY = 'openiom.lang';

export const SUPPORTED_LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/** Maps what a browser reports (`zh`, `zh-Hans-CN`, `en-GB`, …) to a language we ship. */
export function toSupportedLanguage(detected: string | undefined | null): Language | undefined {
  const lower = (detected ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

export const i18n = i18next.createInstance();

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    fallbackLng: 'zh-CN',
    load: 'currentOnly',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      // Only an explicit switch is remembered (see `setLanguage`), not the browser's default.
      caches: [],
      convertDetectedLanguage: (lng: string) => toSupportedLanguage(lng) ?? lng,
    },
  });

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

syncDocumentLanguage(i18n.resolvedLanguage ?? i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

/** The language in use, narrowed to one we ship. */
export function currentLanguage(): Language {
  return toSupportedLanguage(i18n.resolvedLanguage ?? i18n.language) ?? 'zh-CN';
}

/** Switches the language and remembers the choice for the next visit. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Storage unavailable: the switch still applies to this visit.
  }
  await i18n.changeLanguage(lng);
}
