import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstallerWorkOrderFragment } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { localName } from '../../../lib/local-name';
import { ArriveAtWorkOrderMutation, ClaimWorkOrderMutation, CompleteWorkOrderMutation } from '../../work-orders/graphql/work-order-actions';
import { refusalText, type Refusal } from '../../work-orders/refusal-text';
import { stateLabel, timeStateLabel } from '../../work-orders/work-order-labels';
import { cardKind, completionExceptions, navigationLink, telLink } from '../field-work';

/**
 * One work order on the phone: customer, address, appointment, step and time state; claim (签收),
 * call the customer, navigate, say they arrived on site (到达, on their track), and complete (normal or
 * with one of the step's exception types).
 */
export function WorkOrderCard({ workOrder, staffId, onChanged }: { workOrder: InstallerWorkOrderFragment; staffId: string; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const noteId = useId();
  const typeId = useId();
  const kind = cardKind(workOrder, staffId);
  const exceptions = completionExceptions(workOrder);
  const [completing, setCompleting] = useState(false);
  const [result, setResult] = useState<'NORMAL' | 'EXCEPTION'>('NORMAL');
  const [exceptionType, setExceptionType] = useState(exceptions[0]?.code ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [claim, claiming] = useMutation(ClaimWorkOrderMutation);
  const [arrive, arriving] = useMutation(ArriveAtWorkOrderMutation);
  const [complete, submitting] = useMutation(CompleteWorkOrderMutation);
  const { order } = workOrder;
  const tel = telLink(order.customerPhone);
  const timeState = timeStateLabel(t, workOrder.timeState, workOrder.acceptOverdue);

  /** Sends one action; its outcome is a notice for the list, or the refusal (or failure) on the card. */
  const act = async (send: () => Promise<{ ok: boolean; error?: Refusal | null } | null | undefined>, done: string) => {
    setError(null);
    try {
      const outcome = await send();
      if (outcome?.ok) onChanged(done);
      else setError(refusalText(t, outcome?.error));
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  const ref = { variables: { input: { workOrderId: workOrder.id } } };
  const doClaim = () => act(async () => (await claim(ref)).data?.claimWorkOrder, t('mobile.claimed', { no: workOrder.workOrderNo }));
  const doArrive = () => act(async () => (await arrive(ref)).data?.arriveAtWorkOrder, t('mobile.arrived', { no: workOrder.workOrderNo }));
  const doComplete = () => {
    const chosen = result === 'NORMAL' ? null : exceptionType;
    return act(
      async () => (await complete({ variables: { input: { workOrderId: workOrder.id, exceptionType: chosen, note: note.trim() || null } } })).data?.completeWorkOrder,
      t(chosen ? 'mobile.completedException' : 'mobile.completed', { no: workOrder.workOrderNo }),
    );
  };

  return (
    <article className={`m-card m-card-${kind}`} aria-labelledby={titleId} data-testid="m-work-order" data-work-order-no={workOrder.workOrderNo} data-kind={kind}>
      <header className="m-card-header">
        <h2 id={titleId}>{order.customerName}</h2>
        <span className={`m-state m-state-${workOrder.state}`}>{stateLabel(t, workOrder.state)}</span>
      </header>
      <p className="m-address">{order.address}</p>
      <dl className="m-facts">
        <dt>{t('mobile.appointment')}</dt>
        <dd data-testid="m-appointment">{order.appointmentAt ? formatDateTime(order.appointmentAt, { seconds: false }) : t('mobile.noAppointment')}</dd>
        <dt>{t('mobile.step')}</dt>
        <dd>{localName(workOrder.step)}</dd>
        <dt>{t('mobile.workOrderNo')}</dt>
        <dd className="mono">{workOrder.workOrderNo}</dd>
        <dt>{t('mobile.timeState')}</dt>
        <dd>
          {timeState ? <span className={`m-time m-time-${workOrder.timeState}`}>{timeState}</span> : t('mobile.inTime')}
          {workOrder.dueAt && <span className="muted"> · {t('mobile.dueAt', { at: formatDateTime(workOrder.dueAt, { seconds: false }) })}</span>}
        </dd>
        {workOrder.arrivedAt && (
          <>
            <dt>{t('mobile.arrivedAt')}</dt>
            <dd data-testid="m-arrived-at">{formatDateTime(workOrder.arrivedAt, { seconds: false })}</dd>
          </>
        )}
      </dl>
      <div className="m-actions">
        {tel ? (
          <a className="m-button" href={tel} data-testid="m-call">
            {t('mobile.call')}
          </a>
        ) : (
          <span className="m-button disabled" aria-disabled="true">
            {t('mobile.noPhone')}
          </span>
        )}
        <a className="m-button" href={navigationLink(order)} target="_blank" rel="noreferrer" data-testid="m-navigate">
          {t('mobile.navigate')}
        </a>
        {kind === 'to-claim' && (
          <button type="button" className="m-button primary" onClick={() => void doClaim()} disabled={claiming.loading} data-testid="m-claim">
            {t('mobile.claim')}
          </button>
        )}
        {kind === 'mine' && workOrder.state === 'IN_PROGRESS' && !workOrder.arrivedAt && !completing && (
          <button type="button" className="m-button" onClick={() => void doArrive()} disabled={arriving.loading} data-testid="m-arrive">
            {t('mobile.arrive')}
          </button>
        )}
        {kind === 'mine' && !completing && (
          <button type="button" className="m-button primary" onClick={() => setCompleting(true)} data-testid="m-complete">
            {t('mobile.complete')}
          </button>
        )}
      </div>
      {completing && (
        <form
          className="m-complete-form"
          onSubmit={(e) => {
            e.preventDefault();
            void doComplete();
          }}
          data-testid="m-complete-form"
        >
          <fieldset>
            <legend>{t('mobile.result')}</legend>
            <label className="m-choice">
              <input type="radio" name={`result-${workOrder.id}`} checked={result === 'NORMAL'} onChange={() => setResult('NORMAL')} data-testid="m-result-normal" />
              {t('mobile.normal')}
            </label>
            <label className="m-choice">
              <input type="radio" name={`result-${workOrder.id}`} checked={result === 'EXCEPTION'} disabled={exceptions.length === 0} onChange={() => setResult('EXCEPTION')} data-testid="m-result-exception" />
              {exceptions.length === 0 ? t('mobile.noExceptions') : t('mobile.exception')}
            </label>
          </fieldset>
          {result === 'EXCEPTION' && (
            <div className="m-field">
              <label htmlFor={typeId}>{t('mobile.exceptionType')}</label>
              <select id={typeId} value={exceptionType} onChange={(e) => setExceptionType(e.target.value)} data-testid="m-exception-type">
                {exceptions.map((type) => (
                  <option key={type.code} value={type.code}>
                    {localName(type)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="m-field">
            <label htmlFor={noteId}>{t('mobile.note')}</label>
            <textarea id={noteId} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} data-testid="m-note" />
          </div>
          <div className="m-actions">
            <button type="button" className="m-button" onClick={() => setCompleting(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="m-button primary" disabled={submitting.loading} data-testid="m-complete-submit">
              {t('mobile.submitCompletion')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="m-error">
          {error}
        </p>
      )}
    </article>
  );
}
