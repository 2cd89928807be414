import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExternalSystem } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { errorCode } from '../error-code';
import { FailedInterfaceRequestsQuery } from '../graphql/failed-interface-requests-query';
import { InterfaceMonitorQuery } from '../graphql/interface-monitor-query';
import { ResendInterfaceRequestMutation } from '../graphql/resend-interface-request-mutation';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { PagedTable } from '../../../components/paged-list/paged-table';

const PAGE_SIZE = 20;

/** What the last re-send did, said above the list (the re-sent row leaves it once read again). */
type Outcome = { id: string; ok: true } | { id: string; ok: false; code: string };

interface FailedRequestsListProps {
  system: ExternalSystem;
  kind: string;
  /** The viewer may re-send (`interfaces:resend`). */
  canResend: boolean;
}

/** Failed requests of one system and kind, newest first, each of which can be sent again. */
export function FailedRequestsList({ system, kind, canResend }: FailedRequestsListProps) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const { data, previousData, loading, error, refetch } = useQuery(FailedInterfaceRequestsQuery, {
    variables: { filter: { system, kind, state: 'FAILED' }, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const [resendRequest] = useMutation(ResendInterfaceRequestMutation, {
    // The counts and this list change: read both again.
    refetchQueries: [InterfaceMonitorQuery, FailedInterfaceRequestsQuery],
  });
  const connection = (data ?? previousData)?.interfaceRequests;

  const resend = async (id: string) => {
    setSending(id);
    setOutcome(null);
    try {
      const result = await resendRequest({ variables: { input: { id } } });
      const answer = result.data?.resendInterfaceRequest;
      setOutcome(answer?.ok ? { id, ok: true } : { id, ok: false, code: answer?.error?.code ?? 'UNKNOWN' });
    } catch (error) {
      setOutcome({ id, ok: false, code: errorCode(error) ?? 'NETWORK' });
    } finally {
      setSending(null);
    }
  };

  return (
    <>
      <div aria-live="polite" data-testid="resend-outcome" data-state={outcome ? (outcome.ok ? 'ok' : 'failed') : ''}>
        {outcome?.ok && <p className="notice ok">{t('interfaceMonitor.resent', { id: outcome.id })}</p>}
        {outcome && !outcome.ok && (
          <p className="form-error">
            {t(`interfaceMonitor.resendErrors.${outcome.code}`, {
              id: outcome.id,
              defaultValue: t('interfaceMonitor.resendErrors.UNKNOWN', { id: outcome.id }),
            })}
          </p>
        )}
      </div>
      <PagedTable
        testId="failed-requests"
        pages={pages}
        pageSize={PAGE_SIZE}
        connection={connection}
        loaded={!!data}
        loading={loading}
        error={error}
        onRetry={() => void refetch().catch(() => undefined)}
        head={
          <>
            <th scope="col">{t('interfaceMonitor.requestColumns.id')}</th>
            <th scope="col">{t('interfaceMonitor.requestColumns.orderNo')}</th>
            <th scope="col">{t('interfaceMonitor.requestColumns.createdAt')}</th>
            <th scope="col">{t('interfaceMonitor.requestColumns.failedAt')}</th>
            <th scope="col">{t('interfaceMonitor.requestColumns.attempts')}</th>
            <th scope="col">{t('interfaceMonitor.requestColumns.lastError')}</th>
            {canResend && <th scope="col">{t('interfaceMonitor.requestColumns.action')}</th>}
          </>
        }
        row={(node) => (
          <tr key={node.id} data-testid="failed-request-row" data-request-id={node.id} data-order-no={node.order.orderNo}>
            <td className="mono">{node.id}</td>
            <td className="mono">{node.order.orderNo}</td>
            <td>{formatDateTime(node.createdAt)}</td>
            <td>{formatDateTime(node.completedAt) || '—'}</td>
            <td className="num">{node.attempts}</td>
            <td className="wrap">{node.lastError ?? '—'}</td>
            {canResend && (
              <td>
                <button
                  type="button"
                  className="button"
                  onClick={() => void resend(node.id)}
                  disabled={sending !== null}
                  aria-label={t('interfaceMonitor.resendLabel', { id: node.id, orderNo: node.order.orderNo })}
                  data-testid="resend"
                >
                  {sending === node.id ? t('interfaceMonitor.resending') : t('interfaceMonitor.resend')}
                </button>
              </td>
            )}
          </tr>
        )}
      />
    </>
  );
}
