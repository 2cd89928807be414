import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatisticsTableRow } from '../statistics-rows';

const COLOURS = { installsCompleted: '#1f6feb', movesCompleted: '#6f42c1', removalsCompleted: '#d08700', inFlight: '#8a94a3' } as const;

/** Completed installs, moves and removals per group (stacked), beside what is still in flight. */
export function StatisticsChart({ rows }: { rows: StatisticsTableRow[] }) {
  const { t } = useTranslation();
  return (
    <figure className="chart-panel statistics-chart" data-testid="statistics-chart" aria-label={t('installStatistics.chartLabel')}>
      <figcaption>{t('installStatistics.chartTitle')}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          {(['installsCompleted', 'movesCompleted', 'removalsCompleted'] as const).map((field) => (
            <Bar key={field} dataKey={field} stackId="completed" name={t(`installStatistics.columns.${field}`)} fill={COLOURS[field]} isAnimationActive={false} />
          ))}
          <Bar dataKey="inFlight" name={t('installStatistics.columns.inFlight')} fill={COLOURS.inFlight} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
