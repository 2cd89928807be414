import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InstallStatisticsGroup } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { InstallStatisticsOrdersQuery } from '../graphql/install-statistics-query';
import type { StatisticsCell } from './statistics-grid';

/**
 * The orders behind a cell, each linking to the order and work-order query screens (their URL
 * filters by number), where the order's flow and log are.
 */
export function StatisticsOrders({ from, to, groupBy, cell, onClose }: { from: string; to: string; groupBy: InstallStatisticsGroup; cell: StatisticsCell; onClose: () => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const query = useQuery(InstallStatisticsOrdersQuery, { variables: { input: { from, to, groupBy, key: cell.key, kind: cell.kind, measure: cell.measure } }, fetchPolicy: 'network-only' });
  const result = query.data?.installStatisticsOrders;
  const section = useRef<HTMLElement>(null);
  // The list opens below the table: bring it into view (and its heading to screen readers' attention).
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' });
    section.current?.focus({ preventScroll: true });
  }, [cell]);
  const column = cell.kind ? t(`installStatistics.kinds.${cell.kind}`) : t(`installStatistics.measures.${cell.measure}`);
  return (
    <section ref={section} tabIndex={-1} className="statistics-orders" aria-labelledby="statistics-orders-heading" data-testid="statistics-orders">
      <div className="statistics-orders-header">
        <h2 id="statistics-orders-heading">{t('installStatistics.ordersTitle', { group: cell.label, column })}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {query.error || result?.ok === false ? (
        <p className="form-error" role="alert">
          {result?.error?.message ?? t('common.loadFailed')}
        </p>
      ) : !result ? (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      ) : (
        <>
          {result.total > result.orders.length && <p className="muted">{t('installStatistics.ordersTruncated', { shown: result.orders.length, total: result.total })}</p>}
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('installStatistics.orderColumns.orderNo')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.kind')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.state')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.customer')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.address')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.acceptedAt')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.completedAt')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.workOrderNo')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.team')}</th>
                  <th scope="col">{t('installStatistics.orderColumns.installer')}</th>
                </tr>
              </thead>
              <tbody>
                {result.orders.map((order) => (
                  <tr key={order.orderId} data-testid="statistics-order" data-order-no={order.orderNo}>
                    <td className="mono">
                      <Link to={`/queries/orders?orderNo=${encodeURIComponent(order.orderNo)}`}>{order.orderNo}</Link>
                    </td>
                    <td>{t(`installStatistics.kinds.${order.kind}`)}</td>
                    <td>{t(`installStatistics.orderStates.${order.state}`)}</td>
                    <td>{order.customerName}</td>
                    <td>{order.address}</td>
                    <td>{formatDateTime(order.acceptedAt, { seconds: false })}</td>
                    <td>{order.completedAt ? formatDateTime(order.completedAt, { seconds: false }) : '—'}</td>
                    <td className="mono">
                      {order.workOrderNo ? <Link to={`/queries/work-orders?workOrderNo=${encodeURIComponent(order.workOrderNo)}`}>{order.workOrderNo}</Link> : '—'}
                    </td>
                    <td>{order.teamName ? localName({ name: order.teamName, nameEn: order.teamNameEn ?? '' }, lng) : '—'}</td>
                    <td>{order.installerName ? `${order.installerName} (${order.installerStaffNo})` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
