import { useTranslation } from 'react-i18next';

interface ListStatusProps {
  loading: boolean;
  error: unknown;
  empty: boolean;
  onRetry: () => void;
  /** What the list says when it is empty (default: a generic "nothing to list"). */
  emptyText?: string;
}

/** Loading, failed (with retry) or empty: what a drill-down list says instead of rows. */
export function ListStatus({ loading, error, empty, onRetry, emptyText }: ListStatusProps) {
  const { t } = useTranslation();
  if (error) {
    return (
      <div className="form-error" role="alert" data-testid="list-error">
        {t('monitors.listFailed')}{' '}
        <button type="button" className="button link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (loading) {
    return (
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    );
  }
  if (empty) {
    return (
      <p className="muted empty" data-testid="list-empty">
        {emptyText ?? t('monitors.listEmpty')}
      </p>
    );
  }
  return null;
}
