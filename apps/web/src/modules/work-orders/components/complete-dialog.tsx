import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../../components/use-modal-dialog';
import { CompleteWorkOrderMutation } from '../graphql/work-order-actions';
import type { WorkOrderRow } from './work-order-grid';

/** The exception type that parks a work order in manual exception handling (人工异常). */
const MANUAL = 'MANUAL';

/**
 * Completion (回单) of one work order: normal, with an exception type (starts that exception flow),
 * or manual exception. A modal dialog: focus stays inside, Escape closes it.
 */
export function CompleteDialog({ workOrder, onClose, onDone }: { workOrder: WorkOrderRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useModalDialog();
  const noteId = useId();
  const typeId = useId();
  const exceptionTypes = workOrder.exceptionTypes.filter((type) => type !== MANUAL);
  const manualAllowed = workOrder.exceptionTypes.includes(MANUAL);
  const [kind, setKind] = useState<'NORMAL' | 'EXCEPTION' | 'MANUAL'>('NORMAL');
  const [exceptionType, setExceptionType] = useState(exceptionTypes[0] ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [complete, { loading }] = useMutation(CompleteWorkOrderMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const chosen = kind === 'NORMAL' ? null : kind === 'MANUAL' ? MANUAL : exceptionType;
    try {
      const result = await complete({ variables: { input: { workOrderId: workOrder.id, exceptionType: chosen, note: note.trim() || null } } });
      const outcome = result.data?.completeWorkOrder;
      if (outcome?.ok) onDone();
      else setError(outcome?.error?.message ?? t('common.loadFailed'));
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${typeId}-title`} onClose={onClose} data-testid="complete-dialog">
      <form onSubmit={submit} className="dialog-form">
        <h2 id={`${typeId}-title`}>{t('workOrders.complete.title', { no: workOrder.workOrderNo })}</h2>
        <fieldset>
          <legend>{t('workOrders.complete.kind')}</legend>
          <label>
            <input type="radio" name="kind" value="NORMAL" checked={kind === 'NORMAL'} onChange={() => setKind('NORMAL')} data-testid="complete-normal" />
            {t('workOrders.complete.normal')}
          </label>
          <label>
            <input type="radio" name="kind" value="EXCEPTION" checked={kind === 'EXCEPTION'} disabled={exceptionTypes.length === 0} onChange={() => setKind('EXCEPTION')} data-testid="complete-exception" />
            {t('workOrders.complete.exception')}
          </label>
          {manualAllowed && (
            <label>
              <input type="radio" name="kind" value="MANUAL" checked={kind === 'MANUAL'} onChange={() => setKind('MANUAL')} data-testid="complete-manual" />
              {t('workOrders.complete.manual')}
            </label>
          )}
        </fieldset>
        {kind === 'EXCEPTION' && (
          <div className="field">
            <label htmlFor={typeId}>{t('workOrders.complete.exceptionType')}</label>
            <select id={typeId} value={exceptionType} onChange={(e) => setExceptionType(e.target.value)} data-testid="complete-exception-type">
              {exceptionTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`workOrders.exceptionTypes.${type}`, { defaultValue: type })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={noteId}>{t('workOrders.complete.note')}</label>
          <textarea id={noteId} value={note} maxLength={500} rows={3} onChange={(e) => setNote(e.target.value)} data-testid="complete-note" />
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="complete-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={loading} data-testid="complete-submit">
            {t('workOrders.complete.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
