import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import { LanguageSwitch } from '../../../components/language-switch';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSignOut } from '../../auth/hooks/use-sign-out';
import { LocationSharingButton } from '../components/location-sharing-button';
import { MessagesPanel } from '../components/messages-panel';
import { WorkOrderCard } from '../components/work-order-card';
import { cardKind } from '../field-work';
import { useInstallerWorkOrders } from '../hooks/use-installer-work-orders';
import { preferDesktop } from '../phone-landing';
import './installer-mobile-page.css';

/**
 * `/m`: the installers' phone view (no desktop menu): their own work orders and those waiting in
 * their teams' queues, live, with claim, call, navigate and complete at the thumb.
 */
export function InstallerMobilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('mobile.title'));
  const viewer = useViewer();
  const signOut = useSignOut();
  const staffId = viewer.staff.id;
  const { teams, workOrders, loading, error, reload, liveFailed } = useInstallerWorkOrders(staffId);
  const [notice, setNotice] = useState<string | null>(null);
  const mine = (workOrders ?? []).filter((w) => cardKind(w, staffId) === 'mine');
  const toClaim = (workOrders ?? []).filter((w) => cardKind(w, staffId) === 'to-claim');

  const changed = (message: string) => {
    setNotice(message);
    void reload();
  };

  return (
    <div className="m-page">
      <header className="m-header">
        <div className="m-who" data-testid="current-staff" data-staff-no={viewer.staff.staffNo}>
          <strong>{viewer.staff.name}</strong>
          <span className="m-who-detail">
            {viewer.staff.staffNo} · {teams.length > 0 ? teams.map((team) => localName(team)).join('、') : t('mobile.noTeam')}
          </span>
        </div>
        <LanguageSwitch className="m-language" />
        <button type="button" className="m-button small" onClick={() => signOut('logged-out')} data-testid="logout">
          {t('header.logout')}
        </button>
      </header>
      <main className="m-main">
        <h1 className="visually-hidden">{t('mobile.title')}</h1>
        <LocationSharingButton />
        <MessagesPanel />
        {notice && (
          <p className="notice ok" role="status" data-testid="m-notice">
            {notice}
          </p>
        )}
        {liveFailed && <p className="notice">{t('mobile.liveFailed')}</p>}
        {error && (
          <div className="form-error" role="alert">
            {t('common.loadFailed')}{' '}
            <button type="button" className="m-button small" onClick={() => void reload()}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {loading && workOrders === null && (
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        )}
        <section aria-labelledby="m-mine" data-testid="m-mine">
          <h2 id="m-mine" className="m-section-title">
            {t('mobile.mine', { count: mine.length })}
          </h2>
          {workOrders !== null && mine.length === 0 && <p className="muted">{t('mobile.noneMine')}</p>}
          {mine.map((workOrder) => (
            <WorkOrderCard key={workOrder.id} workOrder={workOrder} staffId={staffId} onChanged={changed} />
          ))}
        </section>
        <section aria-labelledby="m-to-claim" data-testid="m-to-claim">
          <h2 id="m-to-claim" className="m-section-title">
            {t('mobile.toClaim', { count: toClaim.length })}
          </h2>
          {workOrders !== null && toClaim.length === 0 && <p className="muted">{t('mobile.noneToClaim')}</p>}
          {toClaim.map((workOrder) => (
            <WorkOrderCard key={workOrder.id} workOrder={workOrder} staffId={staffId} onChanged={changed} />
          ))}
        </section>
        <p className="m-footer">
          <Link to="/" onClick={() => preferDesktop(true)} data-testid="m-desktop-link">
            {t('mobile.desktop')}
          </Link>
        </p>
      </main>
    </div>
  );
}
