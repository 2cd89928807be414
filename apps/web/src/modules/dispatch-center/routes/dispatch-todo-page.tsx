import type { GridApi } from 'ag-grid-community';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { DispatchTodoFilter } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { useDebouncedValue } from '../../staff/hooks/use-debounced-value';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { QueueFeedback, type QueueMessage } from '../../work-orders/components/queue-feedback';
import { WorkOrderDetail } from '../../work-orders/components/work-order-detail';
import type { WorkOrderRow } from '../../work-orders/components/work-order-grid';
import { useLiveQueue } from '../../work-orders/hooks/use-live-queue';
import { AssignDialog } from '../components/assign-dialog';
import { DispatchTodoGrid, type DispatchTodoRow } from '../components/dispatch-todo-grid';
import '../../work-orders/routes/work-order-queue-page.css';
import './dispatch-todo-page.css';

/**
 * The dispatchers' to-do (我的待办): dispatch-center work orders of their queues, filtered by area and
 * searched by customer, phone or address, kept live by the work-order events of their scope. Assign
 * (Enter, double-click or the button) records the appointment and hands the order to a team.
 */
export function DispatchTodoPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const searchId = useId();
  const title = t('menu.dispatch.todo');
  useDocumentTitle(title);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const filter = useMemo<DispatchTodoFilter>(() => ({ areaId, search: debounced || null }), [areaId, debounced]);
  const [selected, setSelected] = useState<DispatchTodoRow | null>(null);
  const [assigning, setAssigning] = useState<DispatchTodoRow | null>(null);
  const [message, setMessage] = useState<QueueMessage | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [total, setTotal] = useState<number | null>(null);
  const allowed = viewer.permissions.includes('work-orders:complete');
  const { refresh, reload, clearSelection, onReady, detailVersion, wsStatus, subscriptionFailed } = useLiveQueue(null);
  const onGridReady = useCallback((api: GridApi<DispatchTodoRow>) => onReady(api as unknown as GridApi<WorkOrderRow>), [onReady]);
  const onError = useCallback((error: unknown) => setLoadError(error), []);
  const onOpen = useCallback((row: DispatchTodoRow) => (setSelected(row), allowed && (setMessage(null), setAssigning(row))), [allowed]);

  return (
    <div className="page work-order-queue-page dispatch-todo-page">
      <div className="page-header">
        <h1>{title}</h1>
        <LiveIndicator status={wsStatus} failed={subscriptionFailed} />
      </div>
      <p className="muted page-intro">{t('dispatchCenter.intro')}</p>
      <div className="toolbar" role="toolbar" aria-label={t('workOrders.actions')}>
        <OrganisationSelect value={areaId} onChange={setAreaId} label={t('dispatchCenter.area')} testId="dispatch-todo-area" emptyLabel={t('dispatchCenter.allAreas')} />
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('dispatchCenter.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('dispatchCenter.searchPlaceholder')} data-testid="dispatch-todo-search" />
        </div>
        <div className="toolbar-actions">
          <button type="button" className="button primary" data-testid="action-assign-dispatch" disabled={!selected || !allowed} onClick={() => selected && (setMessage(null), setAssigning(selected))}>
            {t('dispatchCenter.assign.open')}
          </button>
          <button type="button" className="button" onClick={refresh} data-testid="action-refresh">
            {t('common.refresh')}
          </button>
        </div>
        <span className="muted" aria-live="polite" data-testid="dispatch-todo-count">
          {total !== null ? t('dispatchCenter.count', { count: total }) : ''}
        </span>
      </div>
      <QueueFeedback message={message} loadFailed={loadError !== null} onRetry={() => (setLoadError(null), reload())} />
      <div className="queue-workspace">
        <DispatchTodoGrid filter={filter} onSelect={setSelected} onReady={onGridReady} onError={onError} onTotal={setTotal} onOpen={onOpen} />
        <div className="queue-side">
          {selected ? <WorkOrderDetail key={selected.id} workOrder={selected} version={detailVersion} /> : <p className="muted">{t('dispatchCenter.pickOne')}</p>}
        </div>
      </div>
      {assigning && (
        <AssignDialog
          workOrder={assigning}
          onClose={() => setAssigning(null)}
          onDone={(teamName) => {
            setMessage({ kind: 'ok', text: t('dispatchCenter.assign.done', { no: assigning.workOrderNo, team: teamName }) });
            setAssigning(null);
            setSelected(null);
            clearSelection();
            refresh();
          }}
        />
      )}
    </div>
  );
}
