import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Language } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import type { ManagerDashboardQuery } from '../../../generated/graphql';
import { dailySeries, total } from '../dashboard-series';
import { CHART } from './chart-colours';

type Dashboard = ManagerDashboardQuery['managerDashboard'];

function Panel({ title, testId, wide = false, children }: { title: string; testId: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`dashboard-panel${wide ? ' is-wide' : ''}`} data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

const TIME_STATE_COLOUR = { NORMAL: CHART.completed, WARNING: CHART.warning, OVERDUE: CHART.overdue } as const;
const STATE_COLOUR = { PENDING: CHART.created, IN_PROGRESS: CHART.completed, MANUAL_EXCEPTION: CHART.warning } as Record<string, string>;

/** Executing orders by time state and open work orders by state, with their totals. */
export function InFlightPanel({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const orders = dashboard.ordersInFlight.map((row) => ({ ...row, label: t(`monitors.timeState.${row.timeState}`) }));
  const workOrders = dashboard.workOrdersInFlight.map((row) => ({ ...row, label: t(`monitors.workOrderState.${row.state}`) }));
  return (
    <Panel title={t('dashboard.inFlight')} testId="dashboard-in-flight" wide>
      <div className="in-flight">
        <div>
          <h3>
            {t('dashboard.ordersInFlight')}: <strong data-testid="dashboard-orders-in-flight">{total(orders)}</strong>
          </h3>
          <ul className="count-list">
            {orders.map((row) => (
              <li key={row.timeState} data-testid={`dashboard-orders-${row.timeState}`} data-count={row.count}>
                <span className="swatch" style={{ background: TIME_STATE_COLOUR[row.timeState] }} aria-hidden="true" />
                {row.label} <strong>{row.count}</strong>
              </li>
            ))}
          </ul>
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={orders} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={90} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="count" name={t('dashboard.orders')} isAnimationActive={false}>
                {orders.map((row) => (
                  <Cell key={row.timeState} fill={TIME_STATE_COLOUR[row.timeState]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div>
          <h3>
            {t('dashboard.workOrdersInFlight')}: <strong data-testid="dashboard-work-orders-in-flight">{total(workOrders)}</strong>
          </h3>
          <ul className="count-list">
            {workOrders.map((row) => (
              <li key={row.state} data-testid={`dashboard-work-orders-${row.state}`} data-count={row.count}>
                <span className="swatch" style={{ background: STATE_COLOUR[row.state] }} aria-hidden="true" />
                {row.label} <strong>{row.count}</strong>
                {row.overdue > 0 && <span className="is-overdue"> ({t('dashboard.overdueOfThem', { count: row.overdue })})</span>}
              </li>
            ))}
          </ul>
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={workOrders} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={90} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="count" name={t('dashboard.workOrders')} isAnimationActive={false}>
                {workOrders.map((row) => (
                  <Cell key={row.state} fill={STATE_COLOUR[row.state]} />
                ))}
              </Bar>
              <Bar dataKey="overdue" name={t('dashboard.overdue')} fill={CHART.overdue} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </Panel>
  );
}

/** Overdue orders and work orders at the end of each day. */
export function OverdueTrendPanel({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const data = dailySeries(dashboard.dates, dashboard.overdueTrend);
  return (
    <Panel title={t('dashboard.overdueTrend')} testId="dashboard-overdue-trend">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Line dataKey="orders" name={t('dashboard.orders')} stroke={CHART.orders} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="workOrders" name={t('dashboard.workOrders')} stroke={CHART.overdue} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <p className="muted panel-note" data-testid="dashboard-overdue-today" data-orders={data.at(-1)?.orders} data-work-orders={data.at(-1)?.workOrders}>
        {data.at(-1)?.label}: {t('dashboard.orders')} {data.at(-1)?.orders ?? 0} · {t('dashboard.workOrders')} {data.at(-1)?.workOrders ?? 0}
      </p>
    </Panel>
  );
}

/** Orders and work orders completed per day. */
export function ThroughputPanel({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const data = dailySeries(dashboard.dates, dashboard.throughput);
  return (
    <Panel title={t('dashboard.throughput')} testId="dashboard-throughput">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar dataKey="orders" name={t('dashboard.orders')} fill={CHART.orders} isAnimationActive={false} />
          <Bar dataKey="workOrders" name={t('dashboard.workOrders')} fill={CHART.completed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <p className="muted panel-note" data-testid="dashboard-throughput-today" data-orders={data.at(-1)?.orders} data-work-orders={data.at(-1)?.workOrders}>
        {data.at(-1)?.label}: {t('dashboard.orders')} {data.at(-1)?.orders ?? 0} · {t('dashboard.workOrders')} {data.at(-1)?.workOrders ?? 0}
      </p>
    </Panel>
  );
}

/** The positions with most overdue open work orders. */
export function TopOverduePanel({ dashboard, lng }: { dashboard: Dashboard; lng: Language }) {
  const { t } = useTranslation();
  const rows = dashboard.topOverduePositions;
  return (
    <Panel title={t('dashboard.topOverdue')} testId="dashboard-top-overdue" wide>
      {rows.length === 0 ? (
        <p className="muted">{t('dashboard.noOverdue')}</p>
      ) : (
        <table className="data-table top-overdue">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.position')}</th>
              <th scope="col" className="num">
                {t('dashboard.overdue')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.open')}
              </th>
              <th scope="col" aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.position?.id ?? 'none'} data-testid="dashboard-top-overdue-row">
                <th scope="row">{row.position ? localName(row.position, lng) : t('dashboard.awaitingAssignment')}</th>
                <td className="num is-overdue">{row.overdue}</td>
                <td className="num">{row.open}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className="bar" style={{ width: `${(row.overdue / rows[0].overdue) * 100}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
