import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LiveIndicator } from '../components/live-indicator';
import { OnlineStaffTable } from '../components/online-staff-table';
import { useOnlineStaff } from '../hooks/use-online-staff';
import './online-staff-page.css';

/** `/system/online-staff` (menu `system.online-staff`): who is logged in now, live. */
export function OnlineStaffPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch, subscriptionError, wsStatus } = useOnlineStaff();
  const rows = data?.onlineStaff ?? [];

  useDocumentTitle(t('menu.system.online-staff'));

  return (
    <div className="page online-staff-page">
      <div className="page-header">
        <h1>{t('menu.system.online-staff')}</h1>
        <LiveIndicator status={wsStatus} failed={!!subscriptionError} />
        <span className="badge" data-testid="online-staff-count" data-count={rows.length} aria-live="polite">
          {t('onlineStaff.count', { total: rows.length })}
        </span>
        <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)}>
          {t('common.refresh')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="online-staff-error">
          {t('onlineStaff.loadFailed')}
        </p>
      )}
      {loading && !data ? <p role="status">{t('common.loading')}</p> : <OnlineStaffTable rows={rows} />}
    </div>
  );
}
