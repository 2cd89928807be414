import { useTranslation } from 'react-i18next';

/** What the last action said, as the work-order lists show it. */
export interface QueueMessage {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The line under a work-order list's toolbar: the outcome of the last action (announced as a status
 * or an alert), and a failed load with its retry.
 */
export function QueueFeedback({ message, loadFailed, onRetry }: { message: QueueMessage | null; loadFailed: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {message && (
        <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="queue-message">
          {message.text}
        </p>
      )}
      {loadFailed && (
        <p className="form-error" role="alert">
          {t('workOrders.loadFailed')}{' '}
          <button type="button" className="button link" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </p>
      )}
    </>
  );
}
