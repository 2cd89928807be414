import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { SupervisionFilter } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { useDebouncedValue } from '../../staff/hooks/use-debounced-value';
import { SupervisionGrid } from '../components/supervision-grid';
import { useLiveSupervision } from '../hooks/use-live-supervision';
import '../components/supervision.css';

const SECTIONS = [
  { key: 'overdue', list: 'OVERDUE', className: 'is-overdue' },
  { key: 'warning', list: 'WARNING', className: 'is-warning' },
  { key: 'claimTimeout', list: 'CLAIM_TIMEOUT', className: 'is-claim-timeout' },
] as const;

/**
 * `/dispatch/supervision` (menu `dispatch.supervision`, 督办): home-broadband orders in flight past the
 * warning and overdue ages, and appointment work orders nobody has claimed in time, with the team and
 * installer to chase; live. A supervisor narrows the lists to an area or finds a customer.
 */
export function SupervisionPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const canRead = viewer.permissions.includes('orders:read');
  const searchId = useId();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const filter = useMemo<SupervisionFilter>(() => ({ areaId, search: debounced || null }), [areaId, debounced]);
  const live = useLiveSupervision({ skip: !canRead, filter });
  const supervision = live.data?.supervision ?? live.previousData?.supervision;

  useDocumentTitle(t('menu.dispatch.supervision'));

  return (
    <div className="page supervision-page">
      <div className="page-header">
        <h1>{t('menu.dispatch.supervision')}</h1>
        {canRead && <LiveIndicator status={live.wsStatus} failed={!!live.subscriptionError} />}
        {supervision && (
          <span className="muted supervision-updated" data-testid="supervision-as-of">
            {t('supervision.asOf', { time: formatDateTime(supervision.asOf) })}
          </span>
        )}
        <button type="button" className="button refresh-button" onClick={() => void live.refetch().catch(() => undefined)} disabled={!canRead}>
          {t('common.refresh')}
        </button>
      </div>
      {!canRead ? (
        <p className="notice" role="alert">
          {t('supervision.noPermission')}
        </p>
      ) : (
        <>
          {supervision && (
            <p className="muted page-hint">
              {t('supervision.hint', {
                overdue: supervision.thresholds.overdueHours,
                warning: supervision.thresholds.warningHours,
                claim: supervision.thresholds.claimTimeoutHours,
                steps: supervision.thresholds.claimStepCodes.join(', '),
              })}
            </p>
          )}
          <div className="toolbar" role="search">
            <OrganisationSelect value={areaId} onChange={setAreaId} label={t('supervision.area')} testId="supervision-area" emptyLabel={t('supervision.allAreas')} />
            <div className="toolbar-field">
              <label htmlFor={searchId}>{t('supervision.search')}</label>
              <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('supervision.searchPlaceholder')} data-testid="supervision-search" />
            </div>
          </div>
          {live.error && (
            <div className="form-error" role="alert">
              {t('supervision.loadFailed')}{' '}
              <button type="button" className="button link" onClick={() => void live.refetch().catch(() => undefined)}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {!supervision ? (
            !live.error && (
              <p role="status" className="muted">
                {t('common.loading')}
              </p>
            )
          ) : (
            SECTIONS.map((section) => {
              const page = supervision[section.key];
              const headingId = `supervision-${section.key}-heading`;
              return (
                <section key={section.key} className={`supervision-section ${section.className}`} aria-labelledby={headingId}>
                  <h2 id={headingId}>
                    {t(`supervision.lists.${section.key}`)}
                    <span className="supervision-count" data-testid={`supervision-${section.key}-count`} data-count={page.total}>
                      {page.total}
                    </span>
                  </h2>
                  {page.total > page.rows.length && <p className="muted">{t('supervision.truncated', { shown: page.rows.length, total: page.total })}</p>}
                  <SupervisionGrid rows={page.rows} list={section.list} testId={`supervision-${section.key}`} />
                </section>
              );
            })
          )}
        </>
      )}
    </div>
  );
}
