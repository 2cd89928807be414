import { useTranslation } from 'react-i18next';

export interface QueryTotal {
  count: number;
  /** More rows match than were counted. */
  capped: boolean;
}

/** How many rows the query found, conditions of the URL that were ignored, and a failed load. */
export function QueryStatus({ total, invalid, loadError }: { total: QueryTotal | null; invalid: string[]; loadError: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="query-status">
      <span aria-live="polite" data-testid="query-total">
        {total && (total.capped ? t('queries.totalCapped', { count: total.count, formatted: total.count.toLocaleString() }) : t('queries.total', { count: total.count, formatted: total.count.toLocaleString() }))}
      </span>
      {invalid.length > 0 && (
        <span className="form-error" role="alert" data-testid="query-invalid">
          {t('queries.invalid', { list: invalid.join(', ') })}
        </span>
      )}
      {loadError !== null && (
        <span className="form-error" role="alert">
          {t('queries.loadFailed', { reason: (loadError as Error).message })}
        </span>
      )}
    </div>
  );
}
