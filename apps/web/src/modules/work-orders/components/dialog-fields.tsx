import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { exceptionTypeLabel } from '../work-order-labels';

/** The exception type (异常类型) of a completion or a manual-exception decision: one of the step's exception flows. */
export function ExceptionTypeField({ types, value, onChange, testId }: { types: string[]; value: string; onChange: (type: string) => void; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('workOrders.complete.exceptionType')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {types.map((type) => (
          <option key={type} value={type}>
            {exceptionTypeLabel(t, type)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The free-text note kept in the order log with a work-order action (at most 500 characters). */
export function NoteField({ value, onChange, testId, label, required = false }: { value: string; onChange: (note: string) => void; testId: string; label?: string; required?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('workOrders.complete.note')}</label>
      <textarea id={id} value={value} maxLength={500} rows={3} required={required} aria-required={required} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </div>
  );
}
