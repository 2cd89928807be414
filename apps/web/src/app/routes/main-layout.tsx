import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { AppHeader } from '../components/app-header';
import { IdleLogout } from '../components/idle-logout';
import { SideNav } from '../components/side-nav';
import { useViewer } from '../session/viewer-context';
import './main-layout.css';

/** Header on top, menu on the left, the page in the rest. */
export function MainLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  return (
    <div className="main-layout">
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <IdleLogout minutes={viewer.idleTimeoutMinutes} />
      <AppHeader />
      <div className="main-body">
        <SideNav />
        <main id="main-content" className="main-content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
