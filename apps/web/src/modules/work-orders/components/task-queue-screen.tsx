import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderQueueFilter } from '../../../generated/graphql';
import { LiveIndicator } from '../../staff/components/live-indicator';
import { useLiveQueue } from '../hooks/use-live-queue';
import { WorkOrderDetail } from './work-order-detail';
import { WorkOrderGrid, type WorkOrderRow } from './work-order-grid';
import { QueueFeedback, type QueueMessage } from './queue-feedback';

export type ScreenMessage = QueueMessage | null;

interface TaskQueueScreenProps {
  title: string;
  intro: string;
  /** The work orders listed (a fixed queue of the viewer's data permissions). */
  filter: WorkOrderQueueFilter;
  emptyText: string;
  /** Toolbar buttons for the selected rows; `say` sets the screen's message line. */
  actions: (selected: WorkOrderRow[], say: (message: ScreenMessage) => void) => ReactNode;
  /** The open dialog, if any; `done` re-reads the grid after an action that took the selected rows out of the list. */
  dialog: (say: (message: ScreenMessage) => void, done: () => void) => ReactNode;
}

/**
 * A dispatcher's task list over the work-order queue (manual assignment, manual exception handling):
 * the grid kept live by every work-order event of the viewer's scope, the selection's actions, a
 * message line and the selected work order's detail tabs.
 */
export function TaskQueueScreen({ title, intro, filter, emptyText, actions, dialog }: TaskQueueScreenProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<WorkOrderRow[]>([]);
  const [message, setMessage] = useState<ScreenMessage>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { refresh, reload, clearSelection, onReady, detailVersion, wsStatus, subscriptionFailed } = useLiveQueue(null);
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

  return (
    <div className="page work-order-queue-page">
      <div className="page-header">
        <h1>{title}</h1>
        <LiveIndicator status={wsStatus} failed={subscriptionFailed} />
      </div>
      <p className="muted page-intro">{intro}</p>
      <div className="toolbar" role="toolbar" aria-label={t('workOrders.actions')}>
        <div className="toolbar-actions">
          {actions(selected, setMessage)}
          <button type="button" className="button" onClick={refresh} data-testid="action-refresh">
            {t('common.refresh')}
          </button>
        </div>
        <span className="muted" aria-live="polite" data-testid="queue-selection">
          {selected.length > 0 ? t('workOrders.selected', { count: selected.length }) : ''}
        </span>
      </div>
      <QueueFeedback message={message} loadFailed={loadError !== null} onRetry={() => (setLoadError(null), reload())} />
      <WorkOrderGrid filter={filter} onSelect={onSelect} onReady={onReady} onError={onError} onOpen={onOpen} emptyText={emptyText} />
      {detailRow ? <WorkOrderDetail key={detailRow.id} workOrder={detailRow} version={detailVersion} /> : <p className="muted">{t('workOrders.pickOne')}</p>}
      {dialog(setMessage, () => (clearSelection(), refresh()))}
    </div>
  );
}
