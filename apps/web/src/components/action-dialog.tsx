import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from './use-modal-dialog';
import './action-dialog.css';

interface ActionDialogProps {
  title: string;
  testId: string;
  /** Closed by Escape, Cancel or the caller. */
  onClose: () => void;
  /** Null while there is nothing to submit (e.g. a result is shown): only Close remains. */
  onSubmit: ((e: FormEvent) => void) | null;
  submitLabel: string;
  submitDisabled?: boolean;
  error?: string | null;
  children: ReactNode;
}

/**
 * The one dialog style of the app: a native modal <dialog> (the rest of the page is
 * inert, Tab cycles inside it, Escape closes it and focus returns to where it was), a form whose
 * first field takes the focus, an error line read out by screen readers, and Cancel / submit buttons.
 */
export function ActionDialog({ title, testId, onClose, onSubmit, submitLabel, submitDisabled, error, children }: ActionDialogProps) {
  const { t } = useTranslation();
  const ref = useModalDialog();
  const titleId = useId();

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid={`${testId}-dialog`}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.(e);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {error && (
          <p className="form-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()} data-testid={`${testId}-close`}>
            {onSubmit ? t('common.cancel') : t('common.close')}
          </button>
          {onSubmit && (
            <button type="submit" className="button primary" disabled={submitDisabled} data-testid={`${testId}-submit`}>
              {submitLabel}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
