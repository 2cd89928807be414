import { useTranslation } from 'react-i18next';
import { printPath, PRINT_LIMIT } from '../print-path';

/**
 * Opens the print page of the selected work orders in a new tab (the page records the print and
 * offers the browser's print dialog and a PDF).
 */
export function PrintButton({ workOrderIds }: { workOrderIds: string[] }) {
  const { t } = useTranslation();
  const tooMany = workOrderIds.length > PRINT_LIMIT;
  return (
    <button
      type="button"
      className="button"
      data-testid="action-print"
      disabled={workOrderIds.length === 0 || tooMany}
      title={tooMany ? t('print.tooMany', { limit: PRINT_LIMIT }) : t('print.hint')}
      onClick={() => window.open(printPath(workOrderIds), '_blank', 'noopener')}
    >
      {t('print.open')}
    </button>
  );
}
