import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../lib/i18n';
import './language-switch.css';

const OPTIONS: ReadonlyArray<{ lng: Language; labelKey: string }> = [
  { lng: 'zh-CN', labelKey: 'language.zhCN' },
  { lng: 'en', labelKey: 'language.en' },
];

/** zh / EN toggle; the choice is remembered in localStorage (`openiom.lang`). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div
      role="group"
      aria-label={t('language.label')}
      data-testid="lang-switch"
      data-lang={active}
      className={['language-switch', className].filter(Boolean).join(' ')}
    >
      {OPTIONS.map(({ lng, labelKey }) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={active === lng}
          data-testid={`lang-switch-${lng}`}
          onClick={() => void setLanguage(lng)}
        >
          {t(labelKey)}
        </button>
      ))}
    </div>
  );
}
