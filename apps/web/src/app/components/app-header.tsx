import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/language-switch';
import { localName } from '../../lib/local-name';
import { useSignOut } from '../../modules/auth/hooks/use-sign-out';
import { useViewer } from '../session/viewer-context';
import './app-header.css';

interface AppHeaderProps {
  /** id of the side menu the menu button shows and hides (the button exists on narrow screens only). */
  navId?: string;
  navOpen?: boolean;
  onToggleNav?: () => void;
  navToggleRef?: Ref<HTMLButtonElement>;
}

export function AppHeader({ navId, navOpen = false, onToggleNav, navToggleRef }: AppHeaderProps) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const signOut = useSignOut();
  const { staff } = viewer;
  const organisation = localName(staff.organisation);

  return (
    <header className="app-header">
      {onToggleNav && (
        <button
          ref={navToggleRef}
          type="button"
          className="nav-toggle"
          data-testid="nav-toggle"
          aria-expanded={navOpen}
          aria-controls={navId}
          aria-label={t('nav.toggle')}
          title={t('nav.toggle')}
          onClick={onToggleNav}
        >
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
            {navOpen ? (
              <path d="M5 5l10 10M15 5L5 15" />
            ) : (
              <path d="M3 5.5h14M3 10h14M3 14.5h14" />
            )}
          </svg>
        </button>
      )}
      {/* Its accessible name is its visible text (WCAG 2.5.3); the title says where it leads. */}
      <Link to="/" className="app-brand" title={t('header.home')}>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-subtitle">{t('app.subtitle')}</span>
      </Link>
      <div className="app-header-spacer" />
      <div
        className="current-staff"
        data-testid="current-staff"
        data-staff-no={staff.staffNo}
        title={`${staff.staffNo} ${staff.name} · ${organisation}`}
      >
        <span className="visually-hidden">{t('header.currentStaff')}</span>
        <span className="current-staff-no">{staff.staffNo}</span>
        <span className="current-staff-name">{staff.name}</span>
        <span className="current-staff-org">{organisation}</span>
      </div>
      <LanguageSwitch />
      <button type="button" className="button logout-button" data-testid="logout" onClick={() => signOut('logged-out')}>
        {t('header.logout')}
      </button>
    </header>
  );
}
