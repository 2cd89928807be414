import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { orderFilterFor, type PreAlarmSelection } from '../drill-down';
import { PreAlarmOrdersQuery } from '../graphql/pre-alarm-orders-query';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { TimeStateBadge } from './time-state-badge';

const PAGE_SIZE = 20;
const SHORT = { seconds: false };

/** The orders behind an order count, page by page. */
export function PreAlarmOrdersList({ selection }: { selection: PreAlarmSelection }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(PreAlarmOrdersQuery, {
    variables: { filter: orderFilterFor(selection), first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.orders;

  return (
    <PagedTable
      testId="pre-alarm-orders"
      pages={pages}
      pageSize={PAGE_SIZE}
      connection={connection}
      loaded={!!data}
      loading={loading}
      error={error}
      onRetry={() => void refetch().catch(() => undefined)}
      head={
        <>
          <th scope="col">{t('preAlarm.orderColumns.orderNo')}</th>
          <th scope="col">{t('preAlarm.orderColumns.orderType')}</th>
          <th scope="col">{t('preAlarm.orderColumns.customer')}</th>
          <th scope="col">{t('preAlarm.orderColumns.address')}</th>
          <th scope="col">{t('preAlarm.orderColumns.organisation')}</th>
          <th scope="col">{t('preAlarm.orderColumns.acceptedAt')}</th>
          <th scope="col">{t('preAlarm.orderColumns.dueAt')}</th>
          <th scope="col">{t('preAlarm.orderColumns.timeState')}</th>
        </>
      }
      row={(node) => (
        <tr key={node.id} data-testid="pre-alarm-order-row" data-order-no={node.orderNo}>
          <td className="mono">{node.orderNo}</td>
          <td>{t(`monitors.orderType.${node.orderType}`, { defaultValue: node.orderType })}</td>
          <td>{node.customerName}</td>
          <td className="clip" title={node.address}>
            {node.address}
          </td>
          <td>{localName(node.organisation, lng)}</td>
          <td>{formatDateTime(node.acceptedAt, SHORT)}</td>
          <td>{formatDateTime(node.dueAt, SHORT) || '—'}</td>
          <td>
            <TimeStateBadge state={node.timeState} />
          </td>
        </tr>
      )}
    />
  );
}
