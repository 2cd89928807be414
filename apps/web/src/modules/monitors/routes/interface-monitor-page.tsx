import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { DrillPanel } from '../components/drill-panel';
import { FailedCrmMessagesList } from '../components/failed-crm-messages-list';
import { FailedRequestsList } from '../components/failed-requests-list';
import { InterfaceMonitorTable } from '../components/interface-monitor-table';
import { SwitchFailures } from '../components/switch-failures';
import { errorCode } from '../error-code';
import { FailedCrmMessagesQuery } from '../graphql/failed-crm-messages-query';
import { FailedInterfaceRequestsQuery } from '../graphql/failed-interface-requests-query';
import { InterfaceMonitorQuery } from '../graphql/interface-monitor-query';
import { useRefresh } from '../hooks/use-refresh';
import {
  formatInterfaceSelection,
  groupByInterface,
  kindLabelKey,
  parseInterfaceSelection,
  systemOf,
  type InterfaceSelection,
} from '../interface-rows';
import '../components/monitors.css';

/** The counts and the open list are read again this often. */
const REFRESH_MS = 10_000;
const EVERYTHING = [InterfaceMonitorQuery, FailedInterfaceRequestsQuery, FailedCrmMessagesQuery];

/**
 * `/monitoring/interfaces` (menu `monitoring.interfaces`, 接口监控): succeeded, failed and pending
 * counts per external interface, refreshed every 10 s; a failed count lists the failing records
 * (`?list=RESOURCE.WIRING`), and failed requests can be re-sent. Failed switch commands are seen
 * and re-sent on their batch's screen, which the drill-down links to.
 */
export function InterfaceMonitorPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const listId = useId();
  const [params, setParams] = useSearchParams();
  const canMonitor = viewer.permissions.includes('interfaces:monitor');
  const canResend = viewer.permissions.includes('interfaces:resend');
  const selection = parseInterfaceSelection(params.get('list'));

  useDocumentTitle(t('menu.monitoring.interfaces'));

  const { data, error, refetch } = useQuery(InterfaceMonitorQuery, { skip: !canMonitor, notifyOnNetworkStatusChange: false });
  const groups = useMemo(() => groupByInterface(data?.interfaceMonitor ?? []), [data]);
  const everything = useRefresh(EVERYTHING, { intervalMs: canMonitor ? REFRESH_MS : undefined });
  const { markUpdated } = everything;
  useEffect(() => {
    if (data) markUpdated();
  }, [data, markUpdated]);

  const select = useCallback(
    (s: InterfaceSelection | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (s) next.set('list', formatInterfaceSelection(s));
          else next.delete('list');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const system = selection ? systemOf(selection.interface) : null;
  const code = errorCode(error);

  return (
    <div className="page monitor-page interface-monitor-page">
      <div className="page-header">
        <h1>{t('menu.monitoring.interfaces')}</h1>
        {everything.updatedAt && (
          <span className="muted updated-at" data-testid="interface-monitor-updated-at">
            {t('monitors.updatedAt', { time: formatDateTime(everything.updatedAt) })}
          </span>
        )}
        {canMonitor && <span className="muted updated-at">{t('interfaceMonitor.autoRefresh', { seconds: REFRESH_MS / 1000 })}</span>}
        <button
          type="button"
          className="button refresh-button"
          onClick={() => void everything.refresh()}
          disabled={!canMonitor || everything.refreshing}
          data-testid="interface-monitor-refresh"
        >
          {everything.refreshing ? t('monitors.refreshing') : t('common.refresh')}
        </button>
      </div>
      <p className="muted page-hint">{t('interfaceMonitor.hint')}</p>

      {!canMonitor ? (
        <p className="notice" role="alert" data-testid="interface-monitor-forbidden">
          {t('interfaceMonitor.noPermission')}
        </p>
      ) : (
        <>
          {error && (
            <div className="form-error" role="alert" data-testid="interface-monitor-error" data-code={code ?? undefined}>
              {code === 'FORBIDDEN' ? t('interfaceMonitor.noPermission') : t('interfaceMonitor.loadFailed')}{' '}
              <button type="button" className="button link" onClick={() => void refetch().catch(() => undefined)}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {!data && !error ? (
            <p role="status" className="muted">
              {t('common.loading')}
            </p>
          ) : data ? (
            <InterfaceMonitorTable groups={groups} selection={selection} listId={listId} onSelect={select} />
          ) : null}
          {selection && (
            <DrillPanel
              key={formatInterfaceSelection(selection)}
              id={listId}
              title={t('interfaceMonitor.failedTitle', { interface: t(`monitors.interfaces.${selection.interface}`) })}
              subtitle={t(kindLabelKey(selection.interface, selection.kind), { defaultValue: selection.kind })}
              testId="interface-failed-list"
              data={{ 'data-interface': selection.interface, 'data-kind': selection.kind }}
              onClose={() => select(null)}
            >
              {selection.interface === 'SWITCH' ? (
                <SwitchFailures action={selection.kind} failed={groups.find((g) => g.interface === 'SWITCH')?.rows.find((r) => r.kind === selection.kind)?.failed ?? 0} />
              ) : system === null ? (
                <FailedCrmMessagesList />
              ) : (
                <FailedRequestsList system={system} kind={selection.kind} canResend={canResend} />
              )}
            </DrillPanel>
          )}
        </>
      )}
    </div>
  );
}
