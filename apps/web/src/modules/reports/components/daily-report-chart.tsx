import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { chartByType } from '../report-rows';
import { CHART } from './chart-colours';

/** Created, completed and overdue work orders per work-order type. */
export function DailyReportChart({ data }: { data: ReturnType<typeof chartByType> }) {
  const { t } = useTranslation();
  return (
    <figure className="chart-panel" data-testid="daily-report-chart" aria-label={t('dailyReport.chartLabel')}>
      <figcaption>{t('dailyReport.chartTitle')}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="type" interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar dataKey="created" name={t('dailyReport.created')} fill={CHART.created} isAnimationActive={false} />
          <Bar dataKey="completed" name={t('dailyReport.completed')} fill={CHART.completed} isAnimationActive={false} />
          <Bar dataKey="overdue" name={t('dailyReport.overdue')} fill={CHART.overdue} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
