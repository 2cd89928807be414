import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../app/session/viewer-context';
import type { WorkOrderQueueFilter } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AssignPositionDialog } from '../components/assign-position-dialog';
import { TaskQueueScreen } from '../components/task-queue-screen';
import type { WorkOrderRow } from '../components/work-order-grid';
import './work-order-queue-page.css';

const FILTER: WorkOrderQueueFilter = { awaitingAssignment: true };

/**
 * Manual assignment of construction positions (人工派施工岗位): the work orders auto-dispatch could not
 * place, live; select one or several and put them in a position's queue.
 */
export function ManualAssignmentPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const title = t('menu.work-orders.manual-assignment');
  useDocumentTitle(title);
  const [assigning, setAssigning] = useState<WorkOrderRow[] | null>(null);
  const allowed = viewer.permissions.includes('work-orders:dispatch');
  const onAssign = useCallback((rows: WorkOrderRow[]) => setAssigning(rows), []);

  return (
    <TaskQueueScreen
      title={title}
      intro={t('workOrders.assign.intro')}
      filter={FILTER}
      emptyText={t('workOrders.assign.queueEmpty')}
      actions={(selected, say) => (
        <button type="button" className="button primary" data-testid="action-assign" disabled={selected.length === 0 || !allowed} onClick={() => (say(null), onAssign(selected))}>
          {selected.length > 1 ? t('workOrders.assign.openBatch', { count: selected.length }) : t('workOrders.assign.open')}
        </button>
      )}
      dialog={(say, done) =>
        assigning && (
          <AssignPositionDialog
            workOrders={assigning}
            onClose={() => setAssigning(null)}
            onDone={(positionName) => {
              say({ kind: 'ok', text: t(assigning.length === 1 ? 'workOrders.assign.doneOne' : 'workOrders.assign.doneMany', { count: assigning.length, position: positionName }) });
              setAssigning(null);
              done();
            }}
          />
        )
      }
    />
  );
}
