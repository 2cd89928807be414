import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/language-switch';
import { localName } from '../../lib/local-name';
import { useSignOut } from '../../modules/auth/hooks/use-sign-out';
import { useViewer } from '../session/viewer-context';
import './app-header.css';

export function AppHeader() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const signOut = useSignOut();
  const { staff } = viewer;

  return (
    <header className="app-header">
      <Link to="/" className="app-brand" aria-label={t('header.home')}>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-subtitle">{t('app.subtitle')}</span>
      </Link>
      <div className="app-header-spacer" />
      <div className="current-staff" data-testid="current-staff" data-staff-no={staff.staffNo}>
        <span className="visually-hidden">{t('header.currentStaff')}</span>
        <span className="current-staff-no">{staff.staffNo}</span>
        <span className="current-staff-name">{staff.name}</span>
        <span className="current-staff-org">{localName(staff.organisation)}</span>
      </div>
      <LanguageSwitch />
      <button type="button" className="button logout-button" data-testid="logout" onClick={() => signOut('logged-out')}>
        {t('header.logout')}
      </button>
    </header>
  );
}
