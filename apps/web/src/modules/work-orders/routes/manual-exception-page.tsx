import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { WorkOrderQueueFilter } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ManualExceptionDialog } from '../components/manual-exception-dialog';
import { TaskQueueScreen } from '../components/task-queue-screen';
import type { WorkOrderRow } from '../components/work-order-grid';
import './work-order-queue-page.css';

const FILTER: WorkOrderQueueFilter = { state: 'MANUAL_EXCEPTION' };

/**
 * Manual exception handling (人工异常处理): work orders completed with the exception type "manual
 * exception", live; for each, pick an exception flow or transfer it to customer contact or the
 * business office.
 */
export function ManualExceptionPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const title = t('menu.work-orders.manual-exception');
  useDocumentTitle(title);
  const [handling, setHandling] = useState<WorkOrderRow | null>(null);
  const allowed = viewer.permissions.includes('work-orders:dispatch');

  return (
    <TaskQueueScreen
      title={title}
      intro={t('workOrders.manualException.intro')}
      filter={FILTER}
      emptyText={t('workOrders.manualException.queueEmpty')}
      actions={(selected, say) => (
        <button type="button" className="button primary" data-testid="action-handle-exception" disabled={selected.length !== 1 || !allowed} onClick={() => (say(null), setHandling(selected[0]))}>
          {t('workOrders.manualException.open')}
        </button>
      )}
      dialog={(say, done) =>
        handling && (
          <ManualExceptionDialog
            workOrder={handling}
            onClose={() => setHandling(null)}
            onDone={(action) => {
              say({ kind: 'ok', text: t(`workOrders.manualException.done.${action}`, { no: handling.workOrderNo }) });
              setHandling(null);
              done();
            }}
          />
        )
      }
    />
  );
}
