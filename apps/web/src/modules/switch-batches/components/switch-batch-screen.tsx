import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListStatus } from '../../../components/paged-list/list-status';
import { ListPager } from '../../../components/paged-list/list-pager';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { useMayOperate } from '../../../app/session/menu-access';
import { useViewer } from '../../../app/session/viewer-context';
import type { SwitchAction, SwitchBatchKind } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ArrearsPreviewQuery,
  SubmitArrearsCommandsMutation,
  SubmitCallPermissionCommandsMutation,
  SwitchBatchesQuery,
  SwitchBatchQuery,
} from '../graphql/switch-batches-documents';
import { BatchResults } from './batch-results';
import './switch-batches.css';

const HISTORY_SIZE = 10;

interface SwitchBatchScreenProps {
  kind: Extract<SwitchBatchKind, 'ARREARS' | 'CALL_PERMISSION'>;
  /** The menu label key, e.g. `menu.billing.arrears`. */
  titleKey: string;
  actions: readonly SwitchAction[];
}

/**
 * A billing service that sends commands to the switch (arrears management, call-permission control):
 * numbers typed, pasted or read from a file — or, for arrears, every number owing more than an amount
 * in a month — an action, the batch's live outcomes and the history of batches. Viewers without
 * `billing:operate` see the results only.
 */
export function SwitchBatchScreen({ kind, titleKey, actions }: SwitchBatchScreenProps) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const mayOperate = useMayOperate();
  const canOperate = mayOperate && viewer.permissions.includes('billing:operate');
  const [params, setParams] = useSearchParams();
  const pages = useCursorPages();
  useDocumentTitle(t(titleKey));

  const history = useQuery(SwitchBatchesQuery, { variables: { kind, first: HISTORY_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network' });
  const connection = (history.data ?? history.previousData)?.switchBatches;
  const selectedId = params.get('batch') ?? (pages.pageIndex === 0 ? connection?.edges[0]?.node.id : undefined) ?? null;
  const selected = useQuery(SwitchBatchQuery, { variables: { id: selectedId ?? '' }, skip: !selectedId });
  const show = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('batch', id);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page switch-batch-page" data-testid={`switch-batch-page-${kind}`}>
      <div className="page-header">
        <h1>{t(titleKey)}</h1>
      </div>
      <p className="page-intro muted">{t(kind === 'ARREARS' ? 'switchBatches.arrearsIntro' : 'switchBatches.permissionsIntro')}</p>
      {canOperate ? (
        <SubmitForm kind={kind} actions={actions} onSubmitted={(id) => show(id)} />
      ) : (
        <p className="notice" data-testid="switch-batch-read-only">
          {t('switchBatches.readOnly')}
        </p>
      )}
      {selected.data?.switchBatch && <BatchResults batch={selected.data.switchBatch} canOperate={canOperate} />}

      <section className="panel" aria-labelledby="switch-batch-history-title">
        <h2 id="switch-batch-history-title">{t('switchBatches.historyTitle')}</h2>
        {history.data && (
          <p className="muted" data-testid="switch-batch-history-ready">
            {t('switchBatches.historyHint')}
          </p>
        )}
        <ListStatus loading={history.loading && !history.data} error={history.error} empty={!!history.data && connection?.edges.length === 0} onRetry={() => void history.refetch().catch(() => undefined)} />
        {connection && connection.edges.length > 0 && (
          <div className="table-scroll">
            <table className="data-table" data-testid="switch-batch-history">
              <thead>
                <tr>
                  <th scope="col">{t('switchBatches.columns.id')}</th>
                  <th scope="col">{t('switchBatches.columns.createdAt')}</th>
                  <th scope="col">{t('switchBatches.columns.action')}</th>
                  <th scope="col">{t('switchBatches.columns.description')}</th>
                  <th scope="col">{t('switchBatches.columns.operator')}</th>
                  <th scope="col">{t('switchBatches.counts.submitted')}</th>
                  <th scope="col">{t('switchBatches.counts.succeeded')}</th>
                  <th scope="col">{t('switchBatches.counts.failed')}</th>
                  <th scope="col">{t('switchBatches.counts.notCompleted')}</th>
                  <th scope="col">{t('switchBatches.counts.waiting')}</th>
                  <th scope="col">{t('switchBatches.columns.show')}</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr key={node.id} data-testid="switch-batch-row" data-batch-id={node.id} aria-current={node.id === selectedId ? 'true' : undefined}>
                    <td className="mono">{node.id}</td>
                    <td>{formatDateTime(node.createdAt)}</td>
                    <td>{t(`switchBatches.actions.${node.action}`)}</td>
                    <td className="wrap">{node.description || '—'}</td>
                    <td>{node.staffNo ? `${node.staffName ?? ''} (${node.staffNo})` : '—'}</td>
                    <td className="num">{node.counts.submitted}</td>
                    <td className="num">{node.counts.succeeded}</td>
                    <td className="num">{node.counts.failed}</td>
                    <td className="num">{node.counts.notCompleted}</td>
                    <td className="num">{node.counts.waiting}</td>
                    <td>
                      <button type="button" className="button link" onClick={() => show(node.id)} aria-label={t('switchBatches.showLabel', { id: node.id })} data-testid="switch-batch-show">
                        {t('switchBatches.columns.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {connection && (connection.edges.length > 0 || pages.pageIndex > 0) && (
          <ListPager
            pageIndex={pages.pageIndex}
            pageSize={HISTORY_SIZE}
            rows={connection.edges.length}
            hasNextPage={connection.pageInfo.hasNextPage}
            loading={history.loading}
            onPrevious={pages.previous}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        )}
      </section>
    </div>
  );
}

type Source = 'NUMBERS' | 'MONTH';

/** The submission form: action, then the numbers (typed, pasted, from a file) or a month and amount. */
function SubmitForm({ kind, actions, onSubmitted }: { kind: SwitchBatchScreenProps['kind']; actions: readonly SwitchAction[]; onSubmitted: (batchId: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [action, setAction] = useState<SwitchAction>(actions[0]!);
  const [source, setSource] = useState<Source>('NUMBERS');
  const [text, setText] = useState('');
  const [month, setMonth] = useState('');
  const [amount, setAmount] = useState('100');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  // A new key empties the file input once its numbers are sent.
  const [fileKey, setFileKey] = useState(0);
  const [submitArrears, arrearsState] = useMutation(SubmitArrearsCommandsMutation, { refetchQueries: [SwitchBatchesQuery] });
  const [submitPermissions, permissionsState] = useMutation(SubmitCallPermissionCommandsMutation, { refetchQueries: [SwitchBatchesQuery] });
  const byMonth = kind === 'ARREARS' && source === 'MONTH';
  const minAmount = Number(amount);
  const selectionValid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && amount.trim() !== '' && Number.isFinite(minAmount) && minAmount >= 0;
  const preview = useQuery(ArrearsPreviewQuery, { variables: { input: { billingMonth: month, minAmount } }, skip: !byMonth || !selectionValid });
  const lines = text.split(/\r?\n/);
  const entered = lines.filter((line) => line.trim() !== '').length;
  const busy = arrearsState.loading || permissionsState.loading;

  const readFile = (file: File | undefined) => {
    if (!file) return;
    void file.text().then((content) => {
      setText(content);
      setFileNote(t('switchBatches.fileLoaded', { name: file.name, count: content.split(/\r?\n/).filter((line) => line.trim() !== '').length }));
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (byMonth && !selectionValid) {
      setError(t('switchBatches.errors.selection'));
      return;
    }
    try {
      const input = { action, description: description.trim() || null };
      const result = byMonth
        ? (await submitArrears({ variables: { input: { ...input, arrears: { billingMonth: month, minAmount } } } })).data?.submitArrearsCommands
        : kind === 'ARREARS'
          ? (await submitArrears({ variables: { input: { ...input, phones: lines } } })).data?.submitArrearsCommands
          : (await submitPermissions({ variables: { input: { ...input, phones: lines } } })).data?.submitCallPermissionCommands;
      if (result?.batch) {
        setText('');
        setFileNote(null);
        setFileKey((key) => key + 1);
        onSubmitted(result.batch.id);
      } else if (result?.error) {
        setError(t(`switchBatches.errors.${result.error.code}`, { defaultValue: result.error.message, message: result.error.message }));
      }
    } catch (caught) {
      setError(t('switchBatches.errors.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  };

  return (
    <form className="panel switch-batch-form" onSubmit={(event) => void submit(event)} aria-label={t('switchBatches.formLabel')} data-testid="switch-batch-form">
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('switchBatches.action')}</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as SwitchAction)} data-testid="switch-batch-action">
          {actions.map((value) => (
            <option key={value} value={value}>
              {t(`switchBatches.actions.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'ARREARS' && (
        <fieldset className="switch-batch-source">
          <legend>{t('switchBatches.source')}</legend>
          {(['NUMBERS', 'MONTH'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name={`${id}-source`} value={value} checked={source === value} onChange={() => setSource(value)} data-testid={`switch-batch-source-${value}`} />{' '}
              {t(`switchBatches.sources.${value}`)}
            </label>
          ))}
        </fieldset>
      )}
      {byMonth ? (
        <div className="switch-batch-month">
          <div className="field">
            <label htmlFor={`${id}-month`}>{t('switchBatches.billingMonth')}</label>
            <input id={`${id}-month`} type="month" value={month} onChange={(e) => setMonth(e.target.value)} placeholder="2026-10" data-testid="switch-batch-month" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-amount`}>{t('switchBatches.minAmount')}</label>
            <input id={`${id}-amount`} type="number" min="0" step="0.01" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="switch-batch-amount" />
          </div>
          <p className="muted" role="status" data-testid="arrears-preview" data-numbers={preview.data?.arrearsPreview.numbers ?? ''}>
            {!selectionValid
              ? t('switchBatches.previewHint')
              : preview.data
                ? preview.data.arrearsPreview.monthLoaded
                  ? t('switchBatches.preview', { count: preview.data.arrearsPreview.numbers, month, amount: minAmount.toFixed(2) })
                  : t('switchBatches.previewNoBills', { month })
                : t('common.loading')}
          </p>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-numbers`}>{t('switchBatches.numbers')}</label>
          <textarea id={`${id}-numbers`} rows={6} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-numbers-hint`} spellCheck={false} data-testid="switch-batch-numbers" />
          <span id={`${id}-numbers-hint`} className="muted">
            {t('switchBatches.numbersHint', { count: entered })}
          </span>
          <label htmlFor={`${id}-file`} className="switch-batch-file">
            {t('switchBatches.file')}
          </label>
          <input key={fileKey} id={`${id}-file`} type="file" accept=".txt,.csv,text/plain" onChange={(e) => readFile(e.target.files?.[0])} data-testid="switch-batch-file" />
          {fileNote && (
            <span className="muted" role="status" data-testid="switch-batch-file-note">
              {fileNote}
            </span>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('switchBatches.description')}</label>
        <input id={`${id}-description`} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} data-testid="switch-batch-description" />
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="switch-batch-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="switch-batch-submit">
          {busy ? t('switchBatches.submitting') : t('switchBatches.submit')}
        </button>
      </div>
    </form>
  );
}
