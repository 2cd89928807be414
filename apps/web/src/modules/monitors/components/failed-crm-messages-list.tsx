import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { FailedCrmMessagesQuery } from '../graphql/failed-crm-messages-query';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { PagedTable } from '../../../components/paged-list/paged-table';

const PAGE_SIZE = 20;

/** Inbound CRM messages that were refused, with the reasons, newest first. */
export function FailedCrmMessagesList() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(FailedCrmMessagesQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.crmInboundMessages;

  return (
    <PagedTable
      testId="failed-crm-messages"
      pages={pages}
      pageSize={PAGE_SIZE}
      connection={connection}
      loaded={!!data}
      loading={loading}
      error={error}
      onRetry={() => void refetch().catch(() => undefined)}
      head={
        <>
          <th scope="col">{t('interfaceMonitor.messageColumns.id')}</th>
          <th scope="col">{t('interfaceMonitor.messageColumns.receivedAt')}</th>
          <th scope="col">{t('interfaceMonitor.messageColumns.format')}</th>
          <th scope="col">{t('interfaceMonitor.messageColumns.crmOrderCode')}</th>
          <th scope="col">{t('interfaceMonitor.messageColumns.attempts')}</th>
          <th scope="col">{t('interfaceMonitor.messageColumns.failureReason')}</th>
        </>
      }
      row={(node) => (
        <tr key={node.id} data-testid="failed-crm-message-row" data-message-id={node.id}>
          <td className="mono">{node.id}</td>
          <td>{formatDateTime(node.receivedAt)}</td>
          <td>{node.format}</td>
          <td className="mono">{node.crmOrderCode ?? <span className="muted">—</span>}</td>
          <td className="num">{node.attempts}</td>
          <td className="wrap" data-testid="failure-reason">
            {node.failureReason ?? '—'}
          </td>
        </tr>
      )}
    />
  );
}
