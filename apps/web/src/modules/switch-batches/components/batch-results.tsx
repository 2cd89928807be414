import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import type { SwitchBatchFieldsFragment, SwitchCommandState } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { ResendNotCompletedMutation, SwitchBatchChangedSubscription, SwitchBatchesQuery, SwitchCommandsQuery } from '../graphql/switch-batches-documents';
import { BatchCounts } from './batch-counts';

const PAGE_SIZE = 20;
const TABS: readonly (SwitchCommandState | 'ALL')[] = ['ALL', 'SUCCEEDED', 'FAILED', 'NOT_COMPLETED'];
/** The list is read again at most this often while outcomes arrive. */
const REFETCH_MS = 500;

interface BatchResultsProps {
  batch: SwitchBatchFieldsFragment;
  /** The viewer may re-send (billing:operate and operate on the screen). */
  canOperate: boolean;
}

/**
 * One batch's outcomes (shared by arrears management and call-permission control): its counts, kept
 * live over the `switchBatchChanged` subscription, its commands paged by outcome, and re-sending the
 * not-completed ones.
 */
export function BatchResults({ batch, canOperate }: BatchResultsProps) {
  const { t } = useTranslation();
  const tabsId = useId();
  const [tab, setTab] = useState<SwitchCommandState | 'ALL'>('ALL');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // Events update the batch in Apollo's cache (same id): the counts above re-render by themselves.
  useSubscription(SwitchBatchChangedSubscription, { variables: { batchId: batch.id } });
  const [resend, resending] = useMutation(ResendNotCompletedMutation, { refetchQueries: [SwitchBatchesQuery] });

  const countsKey = JSON.stringify(batch.counts);
  return (
    <section className="panel switch-batch-results" aria-labelledby={`${tabsId}-title`} data-testid="switch-batch-results" data-batch-id={batch.id}>
      <div className="switch-batch-results-header">
        <h2 id={`${tabsId}-title`}>
          {t('switchBatches.resultsTitle', { id: batch.id, action: t(`switchBatches.actions.${batch.action}`) })}
        </h2>
        <span className="muted">
          {formatDateTime(batch.createdAt)}
          {batch.staffNo ? ` · ${batch.staffName ?? ''} (${batch.staffNo})` : ''}
          {batch.description ? ` · ${batch.description}` : ''}
        </span>
      </div>
      <BatchCounts counts={batch.counts} />
      {batch.counts.waiting > 0 && (
        <p className="muted" role="status" data-testid="switch-batch-live">
          {t('switchBatches.live')}
        </p>
      )}
      {canOperate && batch.counts.notCompleted > 0 && (
        <button
          type="button"
          className="button primary"
          disabled={resending.loading}
          data-testid="resend-not-completed"
          onClick={() => {
            setNotice(null);
            resend({ variables: { input: { batchId: batch.id } } })
              .then((result) => setNotice({ ok: true, text: t('switchBatches.resent', { count: result.data?.resendNotCompletedSwitchCommands.resent ?? 0 }) }))
              .catch(() => setNotice({ ok: false, text: t('switchBatches.resendFailed') }));
          }}
        >
          {resending.loading ? t('switchBatches.resending') : t('switchBatches.resend', { count: batch.counts.notCompleted })}
        </button>
      )}
      {notice && (
        <p className={notice.ok ? 'notice ok' : 'form-error'} role="status" data-testid="resend-notice">
          {notice.text}
        </p>
      )}
      <div role="tablist" aria-label={t('switchBatches.tabsLabel')} className="switch-batch-tabs">
        {TABS.map((state) => (
          <button
            key={state}
            type="button"
            role="tab"
            id={`${tabsId}-${state}`}
            aria-selected={tab === state}
            aria-controls={`${tabsId}-panel`}
            className={tab === state ? 'button tab selected' : 'button tab'}
            onClick={() => setTab(state)}
            data-testid={`outcome-tab-${state}`}
          >
            {t(`switchBatches.tabs.${state}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        <CommandList key={`${batch.id}-${tab}`} batchId={batch.id} state={tab === 'ALL' ? null : tab} countsKey={countsKey} />
      </div>
    </section>
  );
}

/** One outcome's commands, page by page; read again (throttled) whenever the batch's counts change. */
function CommandList({ batchId, state, countsKey }: { batchId: string; state: SwitchCommandState | null; countsKey: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(SwitchCommandsQuery, {
    variables: { batchId, state, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    const timer = window.setTimeout(() => void refetch().catch(() => undefined), REFETCH_MS);
    return () => window.clearTimeout(timer);
  }, [countsKey, refetch]);

  return (
    <PagedTable
      testId="switch-commands"
      pages={pages}
      pageSize={PAGE_SIZE}
      connection={(data ?? previousData)?.switchCommands}
      loaded={!!data}
      loading={loading}
      error={error}
      onRetry={() => void refetch().catch(() => undefined)}
      head={
        <>
          <th scope="col">{t('switchBatches.columns.phone')}</th>
          <th scope="col">{t('switchBatches.columns.state')}</th>
          <th scope="col">{t('switchBatches.columns.attempts')}</th>
          <th scope="col">{t('switchBatches.columns.reason')}</th>
          <th scope="col">{t('switchBatches.columns.sentAt')}</th>
          <th scope="col">{t('switchBatches.columns.answeredAt')}</th>
        </>
      }
      row={(node) => (
        <tr key={node.id} data-testid="switch-command-row" data-phone={node.phone} data-state={node.state}>
          <td className="mono">{node.phone}</td>
          <td>
            <span className={`badge switch-state ${node.state.toLowerCase()}`}>{t(`switchBatches.states.${node.state}`)}</span>
          </td>
          <td className="num">{node.attempts}</td>
          <td className="wrap">{node.reason ?? '—'}</td>
          <td>{formatDateTime(node.sentAt) || '—'}</td>
          <td>{formatDateTime(node.answeredAt) || '—'}</td>
        </tr>
      )}
    />
  );
}
