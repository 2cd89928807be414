import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import type { InstallStatisticsGroup } from '../../../generated/graphql';
import { currentLanguage } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { downloadXlsx } from '../../reports/export-xlsx';
import { StatisticsChart } from '../components/statistics-chart';
import { StatisticsGrid, type StatisticsCell } from '../components/statistics-grid';
import { StatisticsOrders } from '../components/statistics-orders';
import { InstallStatisticsQuery } from '../graphql/install-statistics-query';
import { addDays, COUNT_COLUMNS, GROUPS, lastAllowedDay, MAX_RANGE_MONTHS, parseDay, toSheetRows, toStatisticsTable } from '../statistics-rows';
import '../../reports/components/reports.css';
import '../components/statistics.css';

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * `/dispatch/statistics` (menu `dispatch.statistics`, 装移拆统计): home-broadband installs, moves and
 * removals completed (and received, in flight) by city, district, team or installer over a range of
 * days (at most 3 months): a table, a chart, the orders behind any count, and an .xlsx export.
 * `?from=&to=&groupBy=` keep the choice across reloads and links.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const viewer = useViewer();
  const canRead = viewer.permissions.includes('orders:read');
  const [params, setParams] = useSearchParams();
  const to = parseDay(params.get('to')) ?? today();
  const from = parseDay(params.get('from')) ?? addDays(to, -6);
  const groupParam = params.get('groupBy') as InstallStatisticsGroup | null;
  const groupBy: InstallStatisticsGroup = groupParam && GROUPS.includes(groupParam) ? groupParam : 'DISTRICT';
  const [cell, setCell] = useState<StatisticsCell | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState(false);

  useDocumentTitle(t('menu.dispatch.statistics'));

  const query = useQuery(InstallStatisticsQuery, { variables: { input: { from, to, groupBy } }, skip: !canRead, fetchPolicy: 'cache-and-network' });
  const result = query.data?.installStatistics;
  const statistics = result?.ok ? result.statistics : null;
  const groupLabel = t(`installStatistics.groups.${groupBy}`);
  const table = useMemo(() => toStatisticsTable(statistics?.rows ?? [], lng, t(`installStatistics.none.${groupBy}`), t('installStatistics.total')), [statistics, lng, t, groupBy]);
  const onDrill = useCallback((next: StatisticsCell) => setCell(next), []);

  const set = (changes: Record<string, string>) => {
    setCell(null);
    setExportFailed(false);
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) next.set(name, value);
      return next;
    });
  };

  const refusal = result && !result.ok ? result.error : null;
  const refusalText = refusal
    ? refusal.code === 'RANGE_TOO_LONG'
      ? t('installStatistics.errors.RANGE_TOO_LONG', { months: MAX_RANGE_MONTHS, from, last: lastAllowedDay(from) })
      : refusal.code === 'RANGE_REVERSED'
        ? t('installStatistics.errors.RANGE_REVERSED')
        : refusal.message
    : null;

  const exportSheet = async () => {
    if (!statistics) return;
    setExporting(true);
    setExportFailed(false);
    try {
      const headers = [groupLabel, ...COUNT_COLUMNS.map((column) => t(`installStatistics.columns.${column.field}`))];
      await downloadXlsx(t('installStatistics.fileName', { from, to }), t('installStatistics.sheetName'), toSheetRows(table, headers));
    } catch {
      setExportFailed(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="page report-page statistics-page">
      <div className="page-header">
        <h1>{t('menu.dispatch.statistics')}</h1>
      </div>
      {!canRead ? (
        <p className="notice" role="alert">
          {t('installStatistics.noPermission')}
        </p>
      ) : (
        <>
          <p className="muted page-hint">{t('installStatistics.hint', { months: MAX_RANGE_MONTHS, timeZone: statistics?.timeZone ?? '' })}</p>
          <div className="report-toolbar">
            <label className="report-date">
              <span>{t('installStatistics.from')}</span>
              <input type="date" value={from} required data-testid="statistics-from" onChange={(event) => parseDay(event.target.value) && set({ from: event.target.value })} />
            </label>
            <label className="report-date">
              <span>{t('installStatistics.to')}</span>
              <input type="date" value={to} required data-testid="statistics-to" onChange={(event) => parseDay(event.target.value) && set({ to: event.target.value })} />
            </label>
            <label className="report-date">
              <span>{t('installStatistics.groupBy')}</span>
              <select value={groupBy} data-testid="statistics-group" onChange={(event) => set({ groupBy: event.target.value })}>
                {GROUPS.map((group) => (
                  <option key={group} value={group}>
                    {t(`installStatistics.groups.${group}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button primary report-export" onClick={() => void exportSheet()} disabled={!statistics || exporting} data-testid="statistics-export">
              {exporting ? t('installStatistics.exporting') : t('installStatistics.export')}
            </button>
          </div>
          {exportFailed && (
            <p className="form-error" role="alert">
              {t('installStatistics.exportFailed')}
            </p>
          )}
          {refusalText ? (
            <p className="form-error" role="alert" data-testid="statistics-refused" data-code={refusal?.code}>
              {refusalText}
            </p>
          ) : query.error ? (
            <div className="form-error" role="alert">
              {t('installStatistics.loadFailed')}{' '}
              <button type="button" className="button link" onClick={() => void query.refetch().catch(() => undefined)}>
                {t('common.retry')}
              </button>
            </div>
          ) : !statistics ? (
            <p role="status" className="muted">
              {t('common.loading')}
            </p>
          ) : (
            <div className="report-body statistics-body" data-from={statistics.from} data-to={statistics.to} data-group={statistics.groupBy}>
              <StatisticsGrid rows={table.rows} total={table.total} groupLabel={groupLabel} onDrill={onDrill} />
              {cell && <StatisticsOrders from={statistics.from} to={statistics.to} groupBy={statistics.groupBy} cell={cell} onClose={() => setCell(null)} />}
              {table.rows.length > 0 && <StatisticsChart rows={table.rows} />}
            </div>
          )}
        </>
      )}
    </div>
  );
}
