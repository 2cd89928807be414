import { useQuery } from '@apollo/client/react';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { DrillPanel } from '../components/drill-panel';
import { OrganisationTrail, type TrailItem } from '../components/organisation-trail';
import { PreAlarmOrdersList } from '../components/pre-alarm-orders-list';
import { PreAlarmTable } from '../components/pre-alarm-table';
import { PreAlarmWorkOrdersList } from '../components/pre-alarm-work-orders-list';
import { formatSelection, parseSelection, type PreAlarmSelection } from '../drill-down';
import { errorCode } from '../error-code';
import { PreAlarmOrdersQuery } from '../graphql/pre-alarm-orders-query';
import { PreAlarmWorkOrdersQuery } from '../graphql/pre-alarm-work-orders-query';
import { PreAlarmMonitorQuery } from '../graphql/pre-alarm-monitor-query';
import { usePreAlarmMonitor } from '../hooks/use-pre-alarm-monitor';
import { useRefresh } from '../hooks/use-refresh';
import { canBreakDown, organisationPath } from '../organisation-path';
import { toTableRows, type PreAlarmOrganisation } from '../pre-alarm-rows';
import '../components/monitors.css';
import './pre-alarm-page.css';

const EVERYTHING = [PreAlarmMonitorQuery, PreAlarmOrdersQuery, PreAlarmWorkOrdersQuery];

/**
 * `/monitoring/pre-alarm` (menu `monitoring.pre-alarm`, 预告警监控): executing, warning and overdue
 * orders and work orders per organisation, live. `?org=` is the organisation broken down (default:
 * the top of the viewer's data permissions), `?list=` the count whose list is open.
 */
export function PreAlarmPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const viewer = useViewer();
  const listId = useId();
  const [params, setParams] = useSearchParams();
  const canRead = viewer.permissions.includes('orders:read');

  useDocumentTitle(t('menu.monitoring.pre-alarm'));

  const orgParam = /^\d{1,18}$/.test(params.get('org') ?? '') ? params.get('org') : null;
  const selection = parseSelection(params.get('list'));

  // The visible tree names the breakdown's steps and, with a single top, is where it starts.
  const tree = useQuery(OrganisationsQuery, { skip: !canRead });
  const roots = useMemo(() => tree.data?.organisations ?? [], [tree.data]);
  const treeSettled = tree.data !== undefined || tree.error !== undefined;
  const focusId = orgParam ?? (roots.length === 1 ? roots[0].id : null);

  const monitor = usePreAlarmMonitor(focusId, { skip: !canRead || (orgParam === null && !treeSettled) });
  // Another organisation is loading: its predecessor's counts stay, dimmed, instead of a blank.
  const data = monitor.data ?? monitor.previousData;
  const stale = !monitor.data && !!monitor.previousData;
  const rows = useMemo(() => toTableRows(data?.preAlarmMonitor ?? [], focusId), [data, focusId]);
  const everything = useRefresh(EVERYTHING);

  const update = useCallback(
    (changes: Record<string, string | null>, options: { replace?: boolean } = {}) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        options,
      ),
    [setParams],
  );
  const breakDown = useCallback((id: string | null) => update({ org: id, list: null }), [update]);
  const select = useCallback(
    (s: PreAlarmSelection | null) => update({ list: s ? formatSelection(s) : null }, { replace: true }),
    [update],
  );
  const breakable = useCallback((organisation: PreAlarmOrganisation) => canBreakDown(roots, organisation), [roots]);

  const trail = useMemo<TrailItem[]>(() => {
    const items: TrailItem[] = roots.length > 1 ? [{ id: null, name: t('preAlarm.allTops'), nameEn: t('preAlarm.allTops') }] : [];
    if (!focusId) return items;
    const path = organisationPath(roots, focusId);
    if (path.length > 0) return [...items, ...path.map((org) => ({ id: org.id, name: org.name, nameEn: org.nameEn }))];
    // Not in the tree (it could not be read): the organisation itself, under a way back to the top.
    const focus = rows.find((row) => row.isTotal)?.organisation;
    return [
      ...(items.length > 0 ? items : [{ id: null, name: t('preAlarm.top'), nameEn: t('preAlarm.top') }]),
      ...(focus ? [{ id: focus.id, name: focus.name, nameEn: focus.nameEn }] : []),
    ];
  }, [roots, focusId, rows, t]);

  const selectedName = useMemo(() => {
    if (!selection) return '';
    const org =
      rows.find((row) => row.organisation.id === selection.organisationId)?.organisation ??
      organisationPath(roots, selection.organisationId).at(-1);
    return org ? localName(org, lng) : '';
  }, [selection, rows, roots, lng]);

  const code = errorCode(monitor.error);

  return (
    <div className="page monitor-page pre-alarm-page">
      <div className="page-header">
        <h1>{t('menu.monitoring.pre-alarm')}</h1>
        {canRead && <LiveIndicator status={monitor.wsStatus} failed={!!monitor.subscriptionError} />}
        {monitor.updatedAt && (
          <span className="muted updated-at" data-testid="pre-alarm-updated-at">
            {t('monitors.updatedAt', { time: formatDateTime(monitor.updatedAt) })}
          </span>
        )}
        <button
          type="button"
          className="button refresh-button"
          onClick={() => void everything.refresh()}
          disabled={!canRead || everything.refreshing}
          data-testid="pre-alarm-refresh"
        >
          {t('common.refresh')}
        </button>
      </div>
      <p className="muted page-hint">{t('preAlarm.hint')}</p>

      {!canRead ? (
        <p className="notice" role="alert" data-testid="pre-alarm-forbidden">
          {t('preAlarm.noPermission')}
        </p>
      ) : (
        <>
          <OrganisationTrail items={trail} onSelect={breakDown} />
          {monitor.error && (
            <div className="form-error" role="alert" data-testid="pre-alarm-error" data-code={code ?? undefined}>
              {code === 'NOT_FOUND' ? t('preAlarm.organisationNotFound') : t('preAlarm.loadFailed')}{' '}
              {code === 'NOT_FOUND' ? (
                <button type="button" className="button link" onClick={() => breakDown(null)}>
                  {t('preAlarm.backToTop')}
                </button>
              ) : (
                <button type="button" className="button link" onClick={() => void monitor.refetch().catch(() => undefined)}>
                  {t('common.retry')}
                </button>
              )}
            </div>
          )}
          {!data && !monitor.error ? (
            <p role="status" className="muted">
              {t('common.loading')}
            </p>
          ) : data && rows.length === 0 ? (
            <p className="muted" data-testid="pre-alarm-empty">
              {t('preAlarm.empty')}
            </p>
          ) : data ? (
            <PreAlarmTable
              stale={stale}
              rows={rows}
              selection={selection}
              listId={listId}
              onSelect={select}
              canBreakDown={breakable}
              onBreakDown={breakDown}
            />
          ) : null}
          {selection && (
            <DrillPanel
              key={formatSelection(selection)}
              id={listId}
              title={t(`preAlarm.lists.${selection.subject}.${selection.measure}`)}
              subtitle={selectedName}
              testId="pre-alarm-list"
              data={{
                'data-subject': selection.subject,
                'data-measure': selection.measure,
                'data-organisation-id': selection.organisationId,
              }}
              onClose={() => select(null)}
            >
              {selection.subject === 'ORDER' ? (
                <PreAlarmOrdersList selection={selection} />
              ) : (
                <PreAlarmWorkOrdersList selection={selection} />
              )}
            </DrillPanel>
          )}
        </>
      )}
    </div>
  );
}
