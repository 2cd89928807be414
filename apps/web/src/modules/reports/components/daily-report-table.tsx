import { useTranslation } from 'react-i18next';
import { COUNT_COLUMNS, formatRate, type ReportTableRow } from '../report-rows';

/** The daily report as a dense table: one row per organisation and work-order type, then the total. */
export function DailyReportTable({ date, rows, total }: { date: string; rows: readonly ReportTableRow[]; total: ReportTableRow }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table report-table" data-testid="daily-report-table">
        <caption className="visually-hidden">{t('dailyReport.caption', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dailyReport.organisation')}</th>
            <th scope="col">{t('dailyReport.workOrderType')}</th>
            {COUNT_COLUMNS.map((column) => (
              <th scope="col" key={column} className="num">
                {t(`dailyReport.${column}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('dailyReport.onTimeRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="daily-report-row" data-key={row.key}>
              <th scope="row">{row.organisation}</th>
              <td>{row.workOrderType}</td>
              {COUNT_COLUMNS.map((column) => (
                <td key={column} className={`num${row[column] === 0 ? ' is-zero' : ''}${column === 'overdue' && row[column] > 0 ? ' is-overdue' : ''}`} data-column={column}>
                  {row[column]}
                </td>
              ))}
              <td className="num" data-column="onTimeRate">
                {formatRate(row.onTimeRate)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="daily-report-total">
            <th scope="row" colSpan={2}>
              {t('dailyReport.total')}
            </th>
            {COUNT_COLUMNS.map((column) => (
              <td key={column} className="num" data-column={column}>
                {total[column]}
              </td>
            ))}
            <td className="num" data-column="onTimeRate">
              {formatRate(total.onTimeRate)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
