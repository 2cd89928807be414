import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';

interface ListPagerProps {
  pageIndex: number;
  pageSize: number;
  /** Rows on this page. */
  rows: number;
  /** All matching rows, when the connection counts them. */
  total?: number | null;
  /** The count stopped at its cap: there are more than `total`. */
  totalCapped?: boolean;
  hasNextPage: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** "Rows 21–40 of 57" with previous/next buttons, for keyset pages. */
export function ListPager({ pageIndex, pageSize, rows, total, totalCapped, hasNextPage, loading, onPrevious, onNext }: ListPagerProps) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const from = pageIndex * pageSize + (rows > 0 ? 1 : 0);
  const to = pageIndex * pageSize + rows;
  const range =
    total === null || total === undefined
      ? t('monitors.pager.range', { from, to })
      : t('monitors.pager.rangeOf', {
          from,
          to,
          total: `${total.toLocaleString(lng)}${totalCapped ? '+' : ''}`,
        });
  return (
    <div className="list-pager" data-testid="list-pager">
      <span className="muted" aria-live="polite">
        {range}
      </span>
      <button type="button" className="button" onClick={onPrevious} disabled={pageIndex === 0 || loading} data-testid="list-previous">
        {t('monitors.pager.previous')}
      </button>
      <button type="button" className="button" onClick={onNext} disabled={!hasNextPage || loading} data-testid="list-next">
        {t('monitors.pager.next')}
      </button>
    </div>
  );
}
