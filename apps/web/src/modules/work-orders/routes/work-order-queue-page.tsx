import { useMutation, useSubscription } from '@apollo/client/react';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { WorkOrderEventFilter, WorkOrderQueueFilter } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useWsStatus } from '../../../lib/ws-status';
import { PrintButton } from '../../queries/components/print-button';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { CompleteDialog } from '../components/complete-dialog';
import { WorkOrderDetail } from '../components/work-order-detail';
import { WorkOrderGrid, type WorkOrderRow } from '../components/work-order-grid';
import { ClaimWorkOrderMutation, UnlockWorkOrderMutation } from '../graphql/work-order-actions';
import { WorkOrderChangedSubscription } from '../graphql/work-order-changed-subscription';
import './work-order-queue-page.css';

/** Many events in a burst cause one refresh. */
const REFRESH_THROTTLE_MS = 400;
const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'];

/**
 * Work-order handling by position (工单处理(按岗位)) or by staff (按员工): the queue, its actions
 * and the selected work order's details, all kept live.
 */
export function WorkOrderQueuePage({ mode }: { mode: 'position' | 'staff' }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const positionSelectId = useId();
  const title = t(mode === 'position' ? 'menu.work-orders.by-position' : 'menu.work-orders.by-staff');
  useDocumentTitle(title);

  // Only work-order handling positions have queues.
  const positions = viewer.staff.positions.filter((p) => p.positionType.kind === 'WORK_ORDER');
  const [positionId, setPositionId] = useState<string | null>(positions[0]?.id ?? null);
  const [selected, setSelected] = useState<WorkOrderRow[]>([]);
  const [detailVersion, setDetailVersion] = useState(0);
  const [completing, setCompleting] = useState<WorkOrderRow | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const gridApi = useRef<GridApi<WorkOrderRow> | null>(null);

  const filter = useMemo<WorkOrderQueueFilter>(() => (mode === 'position' ? { positionId: positionId ?? '0' } : { mine: true }), [mode, positionId]);
  // By position: that position's events. By staff: every event in scope (a dispatch to me or an
  // unlock away from me both change my queue), refreshed at most every REFRESH_THROTTLE_MS.
  const eventFilter = useMemo<WorkOrderEventFilter | null>(() => (mode === 'position' ? { positionId } : null), [mode, positionId]);

  const refreshTimer = useRef<number | undefined>(undefined);
  const refresh = useCallback(() => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = undefined;
      // Re-reads the loaded blocks; rows keep their ids, so selection and scroll stay.
      gridApi.current?.refreshInfiniteCache();
      setDetailVersion((v) => v + 1);
    }, REFRESH_THROTTLE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const subscription = useSubscription(WorkOrderChangedSubscription, {
    variables: { filter: eventFilter },
    skip: mode === 'position' && positionId === null,
    onData: () => refresh(),
  });
  const wsStatus = useWsStatus();

  const onSelect = useCallback((rows: WorkOrderRow[]) => setSelected(rows), []);
  const onReady = useCallback((api: GridApi<WorkOrderRow>) => {
    gridApi.current = api;
  }, []);
  const onError = useCallback((error: unknown) => setLoadError(error), []);
  const onOpen = useCallback((row: WorkOrderRow) => setSelected([row]), []);

  const [claim] = useMutation(ClaimWorkOrderMutation);
  const [unlock] = useMutation(UnlockWorkOrderMutation);
  const can = (permission: string) => viewer.permissions.includes(permission);
  const single = selected.length === 1 ? selected[0] : null;
  const mineOrFree = (row: WorkOrderRow) => row.handler === null || row.handler.id === viewer.staff.id;

  async function act(run: () => Promise<{ ok: boolean; error?: { message: string } | null } | undefined>, done: string) {
    setMessage(null);
    try {
      const outcome = await run();
      if (outcome?.ok) {
        setMessage({ kind: 'ok', text: done });
        refresh();
      } else setMessage({ kind: 'error', text: outcome?.error?.message ?? t('common.loadFailed') });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  }

  return (
    <div className="page work-order-queue-page">
      <div className="page-header">
        <h1>{title}</h1>
        <LiveIndicator status={wsStatus} failed={!!subscription.error} />
      </div>
      <div className="toolbar" role="toolbar" aria-label={t('workOrders.actions')}>
        {mode === 'position' && (
          <div className="toolbar-field">
            <label htmlFor={positionSelectId}>{t('workOrders.position')}</label>
            <select id={positionSelectId} value={positionId ?? ''} onChange={(e) => setPositionId(e.target.value || null)} data-testid="queue-position">
              {positions.length === 0 && <option value="">{t('workOrders.noPositions')}</option>}
              {positions.map((p) => (
                <option key={p.id} value={p.id}>
                  {localName(p)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="toolbar-actions">
        <button
          type="button"
          className="button"
          data-testid="action-claim"
          disabled={!single || !can('work-orders:complete') || single.state !== 'PENDING' || single.handler !== null}
          onClick={() => single && void act(async () => (await claim({ variables: { input: { workOrderId: single.id } } })).data?.claimWorkOrder, t('workOrders.claimed', { no: single.workOrderNo }))}
        >
          {t('workOrders.claim')}
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="action-complete"
          disabled={!single || !can('work-orders:complete') || !OPEN_STATES.includes(single.state) || single.state === 'MANUAL_EXCEPTION' || !mineOrFree(single)}
          onClick={() => single && setCompleting(single)}
        >
          {t('workOrders.complete.open')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="action-unlock"
          disabled={!single || !can('work-orders:unlock') || single.state !== 'IN_PROGRESS'}
          onClick={() => single && void act(async () => (await unlock({ variables: { input: { workOrderId: single.id } } })).data?.unlockWorkOrder, t('workOrders.unlocked', { no: single.workOrderNo }))}
        >
          {t('workOrders.unlock')}
        </button>
        <PrintButton workOrderIds={selected.map((row) => row.id)} />
        <button type="button" className="button" onClick={refresh} data-testid="action-refresh">
          {t('common.refresh')}
        </button>
        </div>
        <span className="muted" aria-live="polite" data-testid="queue-selection">
          {selected.length > 0 ? t('workOrders.selected', { count: selected.length }) : ''}
        </span>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="queue-message">
          {message.text}
        </p>
      )}
      {loadError !== null && (
        <p className="form-error" role="alert">
          {t('workOrders.loadFailed')}{' '}
          <button type="button" className="button link" onClick={() => (setLoadError(null), gridApi.current?.purgeInfiniteCache())}>
            {t('common.retry')}
          </button>
        </p>
      )}
      <div className="queue-workspace">
        <WorkOrderGrid filter={filter} onSelect={onSelect} onReady={onReady} onError={onError} onOpen={onOpen} />
        <div className="queue-side">
          {single ? <WorkOrderDetail key={single.id} workOrder={single} version={detailVersion} /> : <p className="muted">{t('workOrders.pickOne')}</p>}
        </div>
      </div>
      {completing && (
        <CompleteDialog
          workOrder={completing}
          onClose={() => setCompleting(null)}
          onDone={() => {
            setMessage({ kind: 'ok', text: t('workOrders.completed', { no: completing.workOrderNo }) });
            setCompleting(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
