import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManualExceptionAction } from '../../../generated/graphql';
import { HandleManualExceptionMutation } from '../graphql/work-order-actions';
import { MANUAL_EXCEPTION_TYPE } from '../work-order-labels';
import { ActionDialog } from '../../../components/action-dialog';
import { ExceptionTypeField, NoteField } from './dialog-fields';
import type { WorkOrderRow } from './work-order-grid';
import { refusalText } from '../refusal-text';

const ACTIONS: ManualExceptionAction[] = ['PICK_EXCEPTION', 'CUSTOMER_CONTACT', 'BUSINESS_OFFICE'];

/**
 * Manual exception handling (人工异常处理) of one parked work order: pick one of its step's exception
 * types (that exception flow starts), transfer to customer contact (转客户联系) or to the business
 * office (转营业处理) — both send it back to its queue, deferred.
 */
export function ManualExceptionDialog({ workOrder, onClose, onDone }: { workOrder: WorkOrderRow; onClose: () => void; onDone: (action: ManualExceptionAction) => void }) {
  const { t } = useTranslation();
  const exceptionTypes = workOrder.exceptionTypes.filter((type) => type !== MANUAL_EXCEPTION_TYPE);
  const [action, setAction] = useState<ManualExceptionAction>(exceptionTypes.length > 0 ? 'PICK_EXCEPTION' : 'CUSTOMER_CONTACT');
  const [exceptionType, setExceptionType] = useState(exceptionTypes[0] ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [handle, { loading }] = useMutation(HandleManualExceptionMutation);

  async function submit() {
    setError(null);
    try {
      const input = { workOrderId: workOrder.id, action, exceptionType: action === 'PICK_EXCEPTION' ? exceptionType : null, note: note.trim() || null };
      const outcome = (await handle({ variables: { input } })).data?.handleManualException;
      if (outcome?.ok) onDone(action);
      else setError(refusalText(t, outcome?.error));
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <ActionDialog
      title={t('workOrders.manualException.title', { no: workOrder.workOrderNo })}
      testId="manual-exception"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('workOrders.manualException.submit')}
      submitDisabled={loading}
      error={error}
    >
      <fieldset>
        <legend>{t('workOrders.manualException.action')}</legend>
        {ACTIONS.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="action"
              value={value}
              checked={action === value}
              disabled={value === 'PICK_EXCEPTION' && exceptionTypes.length === 0}
              onChange={() => setAction(value)}
              data-testid={`manual-exception-${value}`}
            />
            {t(`workOrders.manualException.actions.${value}`)}
          </label>
        ))}
      </fieldset>
      {action === 'PICK_EXCEPTION' && (
        <ExceptionTypeField types={exceptionTypes} value={exceptionType} onChange={setExceptionType} testId="manual-exception-type" />
      )}
      {exceptionTypes.length === 0 && <p className="muted">{t('workOrders.manualException.noExceptionFlow')}</p>}
      <NoteField value={note} onChange={setNote} testId="manual-exception-note" />
    </ActionDialog>
  );
}
