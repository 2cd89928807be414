import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { WorkOrderEventFilter, WorkOrderQueueFilter } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PrintButton } from '../../queries/components/print-button';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { BatchCompleteDialog } from '../components/batch-complete-dialog';
import { CompleteDialog } from '../components/complete-dialog';
import { DispatchDialog } from '../components/dispatch-dialog';
import { WorkOrderDetail } from '../components/work-order-detail';
import { WorkOrderGrid, type WorkOrderRow } from '../components/work-order-grid';
import { WorkOrderPositionsQuery } from '../graphql/dispatch-choices-queries';
import { ClaimWorkOrderMutation, UnlockWorkOrderMutation } from '../graphql/work-order-actions';
import { useLiveQueue } from '../hooks/use-live-queue';
import './work-order-queue-page.css';
import { refusalText, type Refusal } from '../refusal-text';
import { QueueFeedback, type QueueMessage } from '../components/queue-feedback';

const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'];
/** The position choice "every position's queue of my area" (dispatchers). */
const ALL_POSITIONS = 'all';

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

  const can = (permission: string) => viewer.permissions.includes(permission);
  // Only work-order handling positions have queues: those of one's work-order permissions, and for
  // dispatchers every one of their data permissions (they dispatch other positions' work orders), or
  // all of them together.
  const own = viewer.workOrderPositions;
  const dispatcher = mode === 'position' && can('work-orders:dispatch');
  const inScope = useQuery(WorkOrderPositionsQuery, { variables: { workOrderIds: null, search: null, first: 200 }, skip: !dispatcher });
  const others = (inScope.data?.workOrderPositions ?? []).filter((p) => !own.some((mine) => mine.id === p.id));
  const [positionId, setPositionId] = useState<string | null>(own[0]?.id ?? (dispatcher ? ALL_POSITIONS : null));
  const [selected, setSelected] = useState<WorkOrderRow[]>([]);
  // The dialog keeps the rows it was opened for: live refreshes may change the selection meanwhile.
  const [dialog, setDialog] = useState<{ kind: 'complete' | 'dispatch'; rows: WorkOrderRow[] } | null>(null);
  const [message, setMessage] = useState<QueueMessage | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const filter = useMemo<WorkOrderQueueFilter>(
    () => (mode === 'staff' ? { mine: true } : positionId === ALL_POSITIONS ? { anyPosition: true } : { positionId: positionId ?? '0' }),
    [mode, positionId],
  );
  // One position: that position's events. By staff or all positions: every event in scope (a
  // dispatch to me or an unlock away from me both change my queue), refreshed at most every 400 ms.
  const eventFilter = useMemo<WorkOrderEventFilter | null>(() => (mode === 'position' && positionId !== ALL_POSITIONS ? { positionId } : null), [mode, positionId]);
  const { refresh, reload, clearSelection, onReady, detailVersion, wsStatus, subscriptionFailed } = useLiveQueue(eventFilter, mode === 'position' && positionId === null);

  // The detail panel stays on the last work order opened alone, also when a live refresh takes its row
  // out of this queue (completed, moved on): the flow monitor then shows where the order went.
  const [detailRow, setDetailRow] = useState<WorkOrderRow | null>(null);
  const onSelect = useCallback((rows: WorkOrderRow[]) => {
    setSelected(rows);
    if (rows.length === 1) setDetailRow(rows[0]);
    else if (rows.length > 1) setDetailRow(null);
  }, []);
  const onError = useCallback((error: unknown) => setLoadError(error), []);
  const onOpen = useCallback((row: WorkOrderRow) => (setSelected([row]), setDetailRow(row)), []);

  const [claim] = useMutation(ClaimWorkOrderMutation);
  const [unlock] = useMutation(UnlockWorkOrderMutation);
  const single = selected.length === 1 ? selected[0] : null;
  const mineOrFree = (row: WorkOrderRow) => row.handler === null || row.handler.id === viewer.staff.id;

  async function act(run: () => Promise<{ ok: boolean; error?: Refusal | null } | undefined>, done: string) {
    setMessage(null);
    try {
      const outcome = await run();
      if (outcome?.ok) {
        setMessage({ kind: 'ok', text: done });
        refresh();
      } else setMessage({ kind: 'error', text: refusalText(t, outcome?.error) });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  }

  return (
    <div className="page work-order-queue-page">
      <div className="page-header">
        <h1>{title}</h1>
        <LiveIndicator status={wsStatus} failed={subscriptionFailed} />
      </div>
      <div className="toolbar" role="toolbar" aria-label={t('workOrders.actions')}>
        {mode === 'position' && (
          <div className="toolbar-field">
            <label htmlFor={positionSelectId}>{t('workOrders.position')}</label>
            <select id={positionSelectId} value={positionId ?? ''} onChange={(e) => setPositionId(e.target.value || null)} data-testid="queue-position">
              {own.length === 0 && !dispatcher && <option value="">{t('workOrders.noPositions')}</option>}
              {own.map((p) => (
                <option key={p.id} value={p.id}>
                  {localName(p)}
                </option>
              ))}
              {dispatcher && <option value={ALL_POSITIONS}>{t('workOrders.allPositions')}</option>}
              {others.length > 0 && (
                <optgroup label={t('workOrders.otherPositions')}>
                  {others.map((p) => (
                    <option key={p.id} value={p.id}>
                      {localName(p)}
                    </option>
                  ))}
                </optgroup>
              )}
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
        {mode === 'position' && (
          <button
            type="button"
            className="button"
            data-testid="action-dispatch"
            disabled={selected.length === 0 || !can('work-orders:dispatch')}
            onClick={() => (setMessage(null), setDialog({ kind: 'dispatch', rows: selected }))}
          >
            {selected.length > 1 ? t('workOrders.dispatch.openBatch', { count: selected.length }) : t('workOrders.dispatch.open')}
          </button>
        )}
        <button
          type="button"
          className="button primary"
          data-testid="action-complete"
          disabled={selected.length === 0 || !can('work-orders:complete') || (single !== null && (!OPEN_STATES.includes(single.state) || single.state === 'MANUAL_EXCEPTION' || !mineOrFree(single)))}
          onClick={() => (setMessage(null), setDialog({ kind: 'complete', rows: selected }))}
        >
          {selected.length > 1 ? t('workOrders.batchComplete.open', { count: selected.length }) : t('workOrders.complete.open')}
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
      <QueueFeedback message={message} loadFailed={loadError !== null} onRetry={() => (setLoadError(null), reload())} />
      <div className="queue-workspace">
        <WorkOrderGrid filter={filter} onSelect={onSelect} onReady={onReady} onError={onError} onOpen={onOpen} />
        <div className="queue-side">
          {detailRow ? <WorkOrderDetail key={detailRow.id} workOrder={detailRow} version={detailVersion} /> : <p className="muted">{t('workOrders.pickOne')}</p>}
        </div>
      </div>
      {dialog?.kind === 'complete' && dialog.rows.length === 1 && (
        <CompleteDialog
          workOrder={dialog.rows[0]}
          onClose={() => setDialog(null)}
          onDone={() => {
            setMessage({ kind: 'ok', text: t('workOrders.completed', { no: dialog.rows[0].workOrderNo }) });
            setDialog(null);
            clearSelection();
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'complete' && dialog.rows.length > 1 && (
        <BatchCompleteDialog
          workOrders={dialog.rows}
          onClose={() => setDialog(null)}
          onDone={(completed) => {
            setMessage({ kind: completed === dialog.rows.length ? 'ok' : 'error', text: t('workOrders.batchComplete.done', { completed, count: dialog.rows.length }) });
            clearSelection();
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'dispatch' && (
        <DispatchDialog
          workOrders={dialog.rows}
          onClose={() => setDialog(null)}
          onDone={(staffName) => {
            setMessage({ kind: 'ok', text: t(dialog.rows.length === 1 ? 'workOrders.dispatch.doneOne' : 'workOrders.dispatch.doneMany', { count: dialog.rows.length, name: staffName }) });
            setDialog(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
