import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { DailyReportChart } from '../components/daily-report-chart';
import { DailyReportTable } from '../components/daily-report-table';
import { parseDayParam, shiftDay } from '../day-navigation';
import { downloadXlsx } from '../export-xlsx';
import { DailyReportQuery } from '../graphql/daily-report-query';
import { chartByType, COUNT_COLUMNS, toReportTable, toSheetRows } from '../report-rows';
import '../components/reports.css';

/**
 * `/queries/daily-report` (menu `queries.daily-report`, 工单日报表): one day's work orders per
 * organisation and work-order type, as a table, a chart and an .xlsx export. `?date=` is the day
 * (default: today in the operator's time zone).
 */
export function DailyReportPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const viewer = useViewer();
  const canRead = viewer.permissions.includes('orders:read');
  const [params, setParams] = useSearchParams();
  const requested = parseDayParam(params.get('date'));
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState(false);

  useDocumentTitle(t('menu.queries.daily-report'));

  const query = useQuery(DailyReportQuery, { variables: { date: requested }, skip: !canRead, fetchPolicy: 'cache-and-network' });
  const report = query.data?.dailyWorkOrderReport;
  const date = report?.date ?? requested ?? '';
  const table = useMemo(() => toReportTable(report?.rows ?? [], lng, t('dailyReport.none')), [report, lng, t]);
  const chart = useMemo(() => chartByType(table.rows), [table]);

  const go = (day: string | null) => {
    setExportFailed(false);
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (day) next.set('date', day);
      else next.delete('date');
      return next;
    });
  };

  const exportSheet = async () => {
    if (!report) return;
    setExporting(true);
    setExportFailed(false);
    try {
      const headers = [t('dailyReport.organisation'), t('dailyReport.workOrderType'), ...COUNT_COLUMNS.map((column) => t(`dailyReport.${column}`)), t('dailyReport.onTimeRate')];
      await downloadXlsx(t('dailyReport.fileName', { date: report.date }), t('dailyReport.sheetName'), toSheetRows(table, headers, t('dailyReport.total')));
    } catch {
      setExportFailed(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="page report-page">
      <div className="page-header">
        <h1>{t('menu.queries.daily-report')}</h1>
      </div>
      {!canRead ? (
        <p className="notice" role="alert">
          {t('dailyReport.noPermission')}
        </p>
      ) : (
        <>
          <p className="muted page-hint">{t('dailyReport.hint', { timeZone: report?.timeZone ?? '' })}</p>
          <div className="report-toolbar">
            <button type="button" className="button" onClick={() => go(shiftDay(date, -1))} disabled={!date} aria-label={t('dailyReport.previousDay')}>
              ‹
            </button>
            <label className="report-date">
              <span>{t('dailyReport.date')}</span>
              <input
                type="date"
                value={date}
                max={report?.today}
                required
                data-testid="daily-report-date"
                onChange={(event) => {
                  const day = parseDayParam(event.target.value);
                  if (day && (!report || day <= report.today)) go(day);
                }}
              />
            </label>
            <button
              type="button"
              className="button"
              onClick={() => go(shiftDay(date, 1))}
              disabled={!report || date >= report.today}
              aria-label={t('dailyReport.nextDay')}
            >
              ›
            </button>
            <button type="button" className="button" onClick={() => go(null)} disabled={!report || date === report.today}>
              {t('dailyReport.today')}
            </button>
            {report && (
              <span className="muted report-as-of" data-testid="daily-report-as-of">
                {t('dailyReport.asOf', { time: formatDateTime(report.asOf, { seconds: false }) })}
              </span>
            )}
            <button
              type="button"
              className="button primary report-export"
              onClick={() => void exportSheet()}
              disabled={!report || exporting}
              data-testid="daily-report-export"
            >
              {exporting ? t('dailyReport.exporting') : t('dailyReport.export')}
            </button>
          </div>
          {exportFailed && (
            <p className="form-error" role="alert">
              {t('dailyReport.exportFailed')}
            </p>
          )}
          {query.error ? (
            <div className="form-error" role="alert" data-testid="daily-report-error">
              {query.error.message.startsWith('date:') ? query.error.message : t('dailyReport.loadFailed')}{' '}
              <button type="button" className="button link" onClick={() => void query.refetch().catch(() => undefined)}>
                {t('common.retry')}
              </button>
            </div>
          ) : !report ? (
            <p role="status" className="muted">
              {t('common.loading')}
            </p>
          ) : table.rows.length === 0 ? (
            <p className="muted" data-testid="daily-report-empty">
              {t('dailyReport.empty')}
            </p>
          ) : (
            <div className="report-body" data-date={report.date}>
              <DailyReportTable date={report.date} rows={table.rows} total={table.total} />
              <DailyReportChart data={chart} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
