import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompleteWorkOrderMutation } from '../graphql/work-order-actions';
import { MANUAL_EXCEPTION_TYPE } from '../work-order-labels';
import { ActionDialog } from '../../../components/action-dialog';
import { ExceptionTypeField, NoteField } from './dialog-fields';
import type { WorkOrderRow } from './work-order-grid';
import { refusalText } from '../refusal-text';

const MANUAL = MANUAL_EXCEPTION_TYPE;
/** The exception type that rejects the order to CRM: the note is its reason, required. */
const REJECT_TO_CRM = 'REJECT_TO_CRM';

/**
 * Completion (回单) of one work order: normal, with an exception type (starts that exception flow),
 * or manual exception. An offline activation (线下激活) is completed with the device, port and VLAN
 * set up by hand; a rejection to CRM with its reason. A modal dialog: focus stays inside, Escape closes it.
 */
export function CompleteDialog({ workOrder, onClose, onDone }: { workOrder: WorkOrderRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const exceptionTypes = workOrder.exceptionTypes.filter((type) => type !== MANUAL);
  const manualAllowed = workOrder.exceptionTypes.includes(MANUAL);
  const [kind, setKind] = useState<'NORMAL' | 'EXCEPTION' | 'MANUAL'>('NORMAL');
  const [exceptionType, setExceptionType] = useState(exceptionTypes[0] ?? '');
  const [note, setNote] = useState('');
  const [activation, setActivation] = useState({ device: '', port: '', vlan: '' });
  const [error, setError] = useState<string | null>(null);
  const [complete, { loading }] = useMutation(CompleteWorkOrderMutation);
  const fieldId = useId();
  const target = workOrder.offlineActivation;
  const offline = kind === 'NORMAL' && !!target;
  const rejecting = kind === 'EXCEPTION' && exceptionType === REJECT_TO_CRM;

  async function submit() {
    setError(null);
    const chosen = kind === 'NORMAL' ? null : kind === 'MANUAL' ? MANUAL : exceptionType;
    // The server checks the activation data against the order's resources and says what is wrong.
    const offlineActivation = offline ? { device: activation.device.trim(), port: activation.port.trim(), vlan: Number(activation.vlan) } : null;
    try {
      const result = await complete({ variables: { input: { workOrderId: workOrder.id, exceptionType: chosen, note: note.trim() || null, offlineActivation } } });
      const outcome = result.data?.completeWorkOrder;
      if (outcome?.ok) onDone();
      else setError(refusalText(t, outcome?.error));
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <ActionDialog
      title={t('workOrders.complete.title', { no: workOrder.workOrderNo })}
      testId="complete"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('workOrders.complete.submit')}
      submitDisabled={loading}
      error={error}
    >
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
        <ExceptionTypeField types={exceptionTypes} value={exceptionType} onChange={setExceptionType} testId="complete-exception-type" />
      )}
      {kind === 'MANUAL' && <p className="muted">{t('workOrders.complete.manualHint')}</p>}
      {offline && target && (
        <fieldset data-testid="complete-offline-activation">
          <legend>{t('workOrders.complete.offline.legend')}</legend>
          <p className="muted">{target.port ? t('workOrders.complete.offline.hint', { device: target.device, port: target.port }) : t('workOrders.complete.offline.noPort')}</p>
          {(['device', 'port', 'vlan'] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`${fieldId}-${name}`}>{t(`workOrders.complete.offline.${name}`)}</label>
              <input
                id={`${fieldId}-${name}`}
                required
                inputMode={name === 'vlan' ? 'numeric' : undefined}
                value={activation[name]}
                onChange={(e) => setActivation((current) => ({ ...current, [name]: e.target.value }))}
                data-testid={`complete-offline-${name}`}
              />
            </div>
          ))}
        </fieldset>
      )}
      {rejecting && <p className="muted">{t('workOrders.complete.rejectHint')}</p>}
      <NoteField value={note} onChange={setNote} testId="complete-note" label={rejecting ? t('workOrders.complete.reason') : undefined} required={rejecting} />
    </ActionDialog>
  );
}
