import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { workOrderFilterFor, type PreAlarmSelection } from '../drill-down';
import { PreAlarmWorkOrdersQuery } from '../graphql/pre-alarm-work-orders-query';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { TimeStateBadge } from './time-state-badge';

const PAGE_SIZE = 20;
const SHORT = { seconds: false };

/** The work orders behind a work-order count, page by page. */
export function PreAlarmWorkOrdersList({ selection }: { selection: PreAlarmSelection }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(PreAlarmWorkOrdersQuery, {
    variables: { filter: workOrderFilterFor(selection), first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.workOrderQuery;

  return (
    <PagedTable
      testId="pre-alarm-work-orders"
      pages={pages}
      pageSize={PAGE_SIZE}
      connection={connection}
      loaded={!!data}
      loading={loading}
      error={error}
      onRetry={() => void refetch().catch(() => undefined)}
      head={
        <>
          <th scope="col">{t('preAlarm.workOrderColumns.workOrderNo')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.step')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.state')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.position')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.handler')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.acceptDueAt')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.dueAt')}</th>
          <th scope="col">{t('preAlarm.workOrderColumns.timeState')}</th>
        </>
      }
      row={(node) => (
        <tr
          key={node.id}
          data-testid="pre-alarm-work-order-row"
          data-work-order-no={node.workOrderNo}
          data-order-no={node.order.orderNo}
          title={t('preAlarm.createdAt', { time: formatDateTime(node.createdAt), customer: node.order.customerName })}
        >
          <td className="mono">{node.workOrderNo}</td>
          <td className="wrap-narrow">{localName(node.step, lng)}</td>
          <td>{t(`monitors.workOrderState.${node.state}`)}</td>
          {node.position ? (
            <td className="wrap-narrow">
              {localName(node.position, lng)}
            </td>
          ) : (
            <td className="muted">{t('preAlarm.noPosition')}</td>
          )}
          <td>{node.handler ? `${node.handler.name} (${node.handler.staffNo})` : <span className="muted">—</span>}</td>
          <td className={node.acceptOverdue ? 'is-late' : undefined} data-accept-overdue={node.acceptOverdue}>
            {formatDateTime(node.acceptDueAt, SHORT) || '—'}
            {node.acceptOverdue && <span className="visually-hidden"> ({t('preAlarm.acceptOverdueBadge')})</span>}
          </td>
          <td>{formatDateTime(node.dueAt, SHORT) || '—'}</td>
          <td>
            <TimeStateBadge state={node.timeState} />
          </td>
        </tr>
      )}
    />
  );
}
