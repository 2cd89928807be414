import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import './help-page.css';

const KEYBOARD_HINTS = ['tab', 'enter', 'skip', 'search', 'escape', 'grid', 'sort'] as const;

/** `/help`: what OpenIOM is, keyboard hints and the version. */
export function HelpPage() {
  const { t } = useTranslation();
  const { idleTimeoutMinutes } = useViewer();
  useDocumentTitle(t('help.title'));

  return (
    <div className="page help-page">
      <h1>{t('help.title')}</h1>
      <section className="panel" aria-labelledby="help-about">
        <h2 id="help-about">{t('help.aboutTitle')}</h2>
        <p>{t('help.about1')}</p>
        <p>{t('help.about2')}</p>
        <p className="muted">{t('help.idle', { minutes: idleTimeoutMinutes })}</p>
      </section>
      <section className="panel" aria-labelledby="help-keys">
        <h2 id="help-keys">{t('help.keyboardTitle')}</h2>
        <dl className="keyboard-hints">
          {KEYBOARD_HINTS.map((hint) => (
            <div key={hint}>
              <dt>
                <kbd>{t(`help.keys.${hint}.keys`)}</kbd>
              </dt>
              <dd>{t(`help.keys.${hint}.action`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="help-version">
        <h2 id="help-version">{t('help.versionTitle')}</h2>
        <p data-testid="app-version">{t('help.version', { version: __APP_VERSION__ })}</p>
        <p className="muted">{t('help.license')}</p>
      </section>
    </div>
  );
}
