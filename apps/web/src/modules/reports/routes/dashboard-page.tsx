import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { InFlightPanel, OverdueTrendPanel, ThroughputPanel, TopOverduePanel } from '../components/dashboard-panels';
import { useLiveDashboard } from '../hooks/use-live-dashboard';
import '../components/reports.css';

const DAYS = 14;

/**
 * `/dashboard` (menu `monitoring.dashboard`): the manager's view of their organisations — orders and
 * work orders in flight, the overdue trend and throughput of the last two weeks, and the positions
 * with most overdue work orders; live.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const viewer = useViewer();
  const canRead = viewer.permissions.includes('orders:read');
  const live = useLiveDashboard(DAYS, { skip: !canRead });
  const dashboard = live.data?.managerDashboard ?? live.previousData?.managerDashboard;

  useDocumentTitle(t('menu.monitoring.dashboard'));

  return (
    <div className="page dashboard-page">
      <div className="page-header">
        <h1>{t('menu.monitoring.dashboard')}</h1>
        {canRead && <LiveIndicator status={live.wsStatus} failed={!!live.subscriptionError} />}
        {live.updatedAt && (
          <span className="muted updated-at" data-testid="dashboard-updated-at">
            {t('monitors.updatedAt', { time: formatDateTime(live.updatedAt) })}
          </span>
        )}
        <button type="button" className="button refresh-button" onClick={() => void live.refetch().catch(() => undefined)} disabled={!canRead}>
          {t('common.refresh')}
        </button>
      </div>
      {!canRead ? (
        <p className="notice" role="alert">
          {t('dashboard.noPermission')}
        </p>
      ) : (
        <>
          <p className="muted page-hint">{t('dashboard.hint', { timeZone: dashboard?.timeZone ?? '' })}</p>
          {live.error && (
            <div className="form-error" role="alert">
              {t('dashboard.loadFailed')}{' '}
              <button type="button" className="button link" onClick={() => void live.refetch().catch(() => undefined)}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {!dashboard ? (
            !live.error && (
              <p role="status" className="muted">
                {t('common.loading')}
              </p>
            )
          ) : (
            <div className="dashboard-grid" data-as-of={dashboard.asOf}>
              <InFlightPanel dashboard={dashboard} />
              <OverdueTrendPanel dashboard={dashboard} />
              <ThroughputPanel dashboard={dashboard} />
              <TopOverduePanel dashboard={dashboard} lng={lng} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
