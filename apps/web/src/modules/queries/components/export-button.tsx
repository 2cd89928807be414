import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { downloadFile } from '../download';

/** Rows an export holds at most (the API's EXPORT_ROW_LIMIT). */
export const EXPORT_ROW_LIMIT = 10_000;

interface ExportButtonProps {
  /** `/export/orders.xlsx` or `/export/work-orders.xlsx`. */
  path: string;
  /** The query's arguments, as the GraphQL query takes them. */
  args: { filter: unknown; sortBy: string; sortDirection: string };
}

/** Export to Excel (导出) of the whole query result, every page, up to EXPORT_ROW_LIMIT rows. */
export function ExportButton({ path, args }: ExportButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function run() {
    setState({ busy: true, error: null });
    const params = new URLSearchParams({ filter: JSON.stringify(args.filter ?? {}), sortBy: args.sortBy, sortDirection: args.sortDirection, lang: currentLanguage() === 'zh-CN' ? 'zh-cn' : 'en' });
    try {
      await downloadFile(`${path}?${params}`);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: t('queries.exportFailed', { reason: (error as Error).message }) });
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => void run()} disabled={state.busy} data-testid="query-export" title={t('queries.exportHint', { limit: EXPORT_ROW_LIMIT.toLocaleString() })}>
        {state.busy ? t('queries.exporting') : t('queries.export')}
      </button>
      {state.error && (
        <span className="form-error" role="alert">
          {state.error}
        </span>
      )}
    </>
  );
}
