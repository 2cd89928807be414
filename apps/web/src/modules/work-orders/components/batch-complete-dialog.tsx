import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompleteWorkOrdersMutation as CompleteWorkOrdersResult } from '../../../generated/graphql';
import { CompleteWorkOrdersMutation } from '../graphql/work-order-actions';
import { ActionDialog } from '../../../components/action-dialog';
import type { WorkOrderRow } from './work-order-grid';
import { refusalText } from '../refusal-text';

type Outcome = CompleteWorkOrdersResult['completeWorkOrders'];

/**
 * Batch completion (批量回单): normal completion of several work orders, each on its own (the API
 * completes them one by one). Afterwards the dialog lists, by work-order number, which were completed
 * and which were refused and why. Exception completion is one work order at a time (its own dialog).
 */
export function BatchCompleteDialog({ workOrders, onClose, onDone }: { workOrders: WorkOrderRow[]; onClose: () => void; onDone: (completed: number) => void }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [complete, { loading }] = useMutation(CompleteWorkOrdersMutation);

  async function submit() {
    setError(null);
    try {
      const result = (await complete({ variables: { input: { workOrderIds: workOrders.map((wo) => wo.id), note: note.trim() || null } } })).data?.completeWorkOrders;
      if (!result) return setError(t('common.loadFailed'));
      setOutcome(result);
      onDone(result.completed);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <ActionDialog
      title={t('workOrders.batchComplete.title', { count: workOrders.length })}
      testId="batch-complete"
      onClose={onClose}
      onSubmit={outcome ? null : () => void submit()}
      submitLabel={t('workOrders.batchComplete.submit', { count: workOrders.length })}
      submitDisabled={loading}
      error={error}
    >
      {outcome ? (
        <BatchCompleteSummary workOrders={workOrders} outcome={outcome} />
      ) : (
        <>
          <p className="muted">{t('workOrders.batchComplete.hint')}</p>
          <p className="dialog-subject" data-testid="batch-complete-work-orders">
            {workOrders.map((wo) => wo.workOrderNo).join(', ')}
          </p>
          <div className="field">
            <label htmlFor={noteId}>{t('workOrders.complete.note')}</label>
            <textarea id={noteId} value={note} maxLength={500} rows={3} onChange={(e) => setNote(e.target.value)} data-testid="batch-complete-note" />
          </div>
        </>
      )}
    </ActionDialog>
  );
}

/** The per-row result of a batch completion, by work-order number. */
export function BatchCompleteSummary({ workOrders, outcome }: { workOrders: Pick<WorkOrderRow, 'id' | 'workOrderNo'>[]; outcome: Outcome }) {
  const { t } = useTranslation();
  const numberOf = (id: string) => workOrders.find((wo) => wo.id === id)?.workOrderNo ?? id;
  return (
    <div role="status" data-testid="batch-complete-summary">
      <p>
        <strong>{t('workOrders.batchComplete.summary', { completed: outcome.completed, failed: outcome.failed })}</strong>
      </p>
      <table className="detail-table">
        <thead>
          <tr>
            <th scope="col">{t('workOrders.columns.workOrderNo')}</th>
            <th scope="col">{t('workOrders.columns.result')}</th>
          </tr>
        </thead>
        <tbody>
          {outcome.rows.map((row) => (
            <tr key={row.workOrderId} className={row.ok ? 'result-ok' : 'result-failed'} data-testid="batch-complete-row" data-ok={row.ok}>
              <td className="mono">{numberOf(row.workOrderId)}</td>
              <td>{row.ok ? t('workOrders.batchComplete.rowOk') : refusalText(t, row.error)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
