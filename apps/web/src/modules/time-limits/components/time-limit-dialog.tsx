import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { localName } from '../../../lib/local-name';
import { WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { SetOrderTimeLimitMutation, SetWorkOrderTimeLimitMutation } from '../graphql/time-limit-documents';

export const ORDER_TYPES = ['NEW', 'MOVE', 'REMOVE', 'CHANGE', 'CANCEL'] as const;

/** What the dialog edits: an order type's limit or a work-order type's (optionally one step's). */
export type LimitDraft =
  | { kind: 'order'; existing: boolean; orderType: string; warningHours: number | ''; processHours: number | '' }
  | { kind: 'work-order'; existing: boolean; workOrderType: string; stepCode: string; acceptHours: number | ''; warningHours: number | ''; processHours: number | '' };

function HoursField({ label, value, onChange, testId }: { label: string; value: number | ''; onChange: (v: number | '') => void; testId: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={0} max={8760} step={0.5} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))} data-testid={testId} required />
    </div>
  );
}

/** Sets an order or work-order time limit; the server checks the hours and names the field at fault. */
export function TimeLimitDialog({ initial, onClose, onSaved }: { initial: LimitDraft; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  const stepId = useId();
  const [draft, setDraft] = useState<LimitDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const types = useQuery(WorkOrderTypesQuery, { skip: initial.kind !== 'work-order' });
  const [setOrderLimit, orderSaving] = useMutation(SetOrderTimeLimitMutation);
  const [setWorkOrderLimit, workOrderSaving] = useMutation(SetWorkOrderTimeLimitMutation);
  const update = (patch: Partial<LimitDraft>) => setDraft((d) => ({ ...d, ...patch }) as LimitDraft);

  const submit = async () => {
    setError(null);
    const hours = (v: number | '') => (v === '' ? NaN : v);
    try {
      const outcome =
        draft.kind === 'order'
          ? (await setOrderLimit({ variables: { input: { orderType: draft.orderType, warningHours: hours(draft.warningHours), processHours: hours(draft.processHours) } } })).data?.setOrderTimeLimit
          : (
              await setWorkOrderLimit({
                variables: { input: { workOrderType: draft.workOrderType, stepCode: draft.stepCode.trim() || null, acceptHours: hours(draft.acceptHours), warningHours: hours(draft.warningHours), processHours: hours(draft.processHours) } },
              })
            ).data?.setWorkOrderTimeLimit;
      if (outcome?.ok) onSaved();
      else setError(outcome?.error?.message ?? t('timeLimits.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={t(draft.kind === 'order' ? 'timeLimits.orderDialog' : 'timeLimits.workOrderDialog')}
      testId="time-limit"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('timeLimits.save')}
      submitDisabled={orderSaving.loading || workOrderSaving.loading}
      error={error}
    >
      {draft.kind === 'order' ? (
        <div className="field">
          <label htmlFor={selectId}>{t('timeLimits.orderType')}</label>
          <select id={selectId} value={draft.orderType} disabled={draft.existing} onChange={(e) => update({ orderType: e.target.value })} data-testid="time-limit-order-type">
            {ORDER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`monitors.orderType.${type}`)} ({type})
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={selectId}>{t('timeLimits.workOrderType')}</label>
            <select id={selectId} value={draft.workOrderType} disabled={draft.existing} onChange={(e) => update({ workOrderType: e.target.value })} data-testid="time-limit-work-order-type">
              {!draft.workOrderType && <option value="">{t('timeLimits.pickType')}</option>}
              {(types.data?.workOrderTypes ?? []).map((type) => (
                <option key={type.code} value={type.code}>
                  {localName(type)} ({type.code})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={stepId}>{t('timeLimits.stepCode')}</label>
            <input id={stepId} value={draft.stepCode} disabled={draft.existing} maxLength={40} onChange={(e) => update({ stepCode: e.target.value })} placeholder={t('timeLimits.everyStep')} data-testid="time-limit-step" />
          </div>
          <HoursField label={t('timeLimits.acceptHours')} value={draft.acceptHours} onChange={(v) => update({ acceptHours: v })} testId="time-limit-accept" />
        </>
      )}
      <HoursField label={t('timeLimits.warningHours')} value={draft.warningHours} onChange={(v) => update({ warningHours: v })} testId="time-limit-warning" />
      <HoursField label={t('timeLimits.processHours')} value={draft.processHours} onChange={(v) => update({ processHours: v })} testId="time-limit-process" />
      <p className="muted">{t('timeLimits.appliesTo')}</p>
    </ActionDialog>
  );
}
