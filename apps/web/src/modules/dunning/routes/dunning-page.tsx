import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { OperateOnly } from '../../../app/session/menu-access';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { DunningScheduleDialog } from '../components/dunning-schedule-dialog';
import { CancelDunningScheduleMutation, DunningHistoryQuery, DunningSchedulesQuery, DunningTargetsQuery, MarkDunningPaidMutation } from '../graphql/dunning-documents';
import './dunning-page.css';

const PAGE_SIZE = 20;
const TARGET_STATES = ['ACTIVE', 'PAID', 'DONE', 'FAILED', 'CANCELLED'] as const;

/** `/billing/dunning` (menu `billing.dunning`): dunning schedules, their numbers and each number's reminder history. */
export function DunningPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.dunning'));
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [listKey, setListKey] = useState(0);
  return (
    <div className="page dunning-page">
      <div className="page-header">
        <h1>{t('menu.billing.dunning')}</h1>
        <OperateOnly>
          <button type="button" className="button primary" onClick={() => setCreating(true)} data-testid="dunning-new">
            {t('dunning.new')}
          </button>
        </OperateOnly>
      </div>
      <p className="muted">{t('dunning.intro')}</p>
      <Schedules key={listKey} selected={selected} onSelect={setSelected} />
      {selected && <ScheduleDetail id={selected} onPhone={setPhone} onChanged={() => setListKey((k) => k + 1)} />}
      <HistoryPanel phone={phone} onPhone={setPhone} />
      {creating && (
        <DunningScheduleDialog
          now={new Date()}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setListKey((k) => k + 1);
            setSelected(id);
          }}
        />
      )}
    </div>
  );
}

function Schedules({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(DunningSchedulesQuery, { variables: { first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network' });
  const connection = (data ?? previousData)?.dunningSchedules;
  return (
    <section aria-label={t('dunning.schedules')}>
      <div className="dunning-section-head">
        <h2>{t('dunning.schedules')}</h2>
        <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)} data-testid="dunning-refresh">
          {t('dunning.refresh')}
        </button>
      </div>
      <PagedTable
        testId="dunning-schedules"
        pages={pages}
        pageSize={PAGE_SIZE}
        connection={connection}
        loaded={!!data}
        loading={loading}
        error={error}
        onRetry={() => void refetch().catch(() => undefined)}
        head={
          <>
            <th scope="col">{t('dunning.fields.name')}</th>
            <th scope="col">{t('dunning.fields.channel')}</th>
            <th scope="col">{t('dunning.fields.startAt')}</th>
            <th scope="col">{t('dunning.columns.every')}</th>
            <th scope="col">{t('dunning.columns.state')}</th>
            <th scope="col">{t('dunning.columns.numbers')}</th>
            <th scope="col">{t('dunning.columns.sent')}</th>
            <th scope="col">{t('dunning.columns.createdBy')}</th>
          </>
        }
        row={(s) => (
          <tr key={s.id} data-testid="dunning-schedule-row" data-schedule-id={s.id} aria-selected={selected === s.id} className={selected === s.id ? 'selected' : undefined}>
            <td>
              <button type="button" className="button link" onClick={() => onSelect(s.id)} data-testid="dunning-open">
                {s.name}
              </button>
            </td>
            <td>{t(`dunning.channel.${s.channel}`)}</td>
            <td className="nowrap">{formatDateTime(s.startAt, { seconds: false })}</td>
            <td className="nowrap">{t('dunning.everyValue', { minutes: s.periodMinutes, count: s.count })}</td>
            <td data-testid="dunning-schedule-state">{t(`dunning.scheduleState.${s.state}`)}</td>
            <td>{t('dunning.numbersValue', { total: s.summary.total, active: s.summary.active, paid: s.summary.paid })}</td>
            <td data-testid="dunning-schedule-sent">{s.summary.remindersSent}</td>
            <td className="mono">{s.createdBy}</td>
          </tr>
        )}
      />
    </section>
  );
}

function ScheduleDetail({ id, onPhone, onChanged }: { id: string; onPhone: (phone: string) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const stateId = useId();
  const [state, setState] = useState<(typeof TARGET_STATES)[number] | ''>('');
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(DunningTargetsQuery, { variables: { id, state: state || null, first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network' });
  const [cancel, cancelling] = useMutation(CancelDunningScheduleMutation);
  const schedule = (data ?? previousData)?.dunningSchedule;
  return (
    <section className="dunning-detail" aria-label={t('dunning.detail')} data-testid="dunning-detail">
      <div className="dunning-section-head">
        <h2>{schedule ? t('dunning.detailOf', { name: schedule.name }) : t('dunning.detail')}</h2>
        <div className="toolbar-field">
          <label htmlFor={stateId}>{t('dunning.columns.state')}</label>
          <select id={stateId} value={state} onChange={(e) => setState(e.target.value as typeof state)} data-testid="dunning-target-state">
            <option value="">{t('dunning.allStates')}</option>
            {TARGET_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`dunning.targetState.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)} data-testid="dunning-detail-refresh">
          {t('dunning.refresh')}
        </button>
        {schedule?.state === 'ACTIVE' && (
          <OperateOnly>
            <button
              type="button"
              className="button"
              disabled={cancelling.loading}
              data-testid="dunning-cancel"
              onClick={() => {
                if (!window.confirm(t('dunning.confirmCancel', { name: schedule.name }))) return;
                void cancel({ variables: { id } }).then(() => {
                  void refetch();
                  onChanged();
                });
              }}
            >
              {t('dunning.cancel')}
            </button>
          </OperateOnly>
        )}
      </div>
      {schedule && <p className="muted">{schedule.template}</p>}
      <PagedTable
        testId="dunning-targets"
        pages={pages}
        pageSize={PAGE_SIZE}
        connection={schedule?.targets}
        loaded={!!data}
        loading={loading}
        error={error}
        onRetry={() => void refetch().catch(() => undefined)}
        head={
          <>
            <th scope="col">{t('dunning.columns.phone')}</th>
            <th scope="col">{t('dunning.columns.amount')}</th>
            <th scope="col">{t('dunning.columns.state')}</th>
            <th scope="col">{t('dunning.columns.sentOfCount')}</th>
            <th scope="col">{t('dunning.columns.lastReminder')}</th>
            <th scope="col">{t('dunning.columns.nextDue')}</th>
          </>
        }
        row={(target) => (
          <tr key={target.id} data-testid="dunning-target-row" data-phone={target.phone}>
            <td className="mono">
              <button type="button" className="button link" onClick={() => onPhone(target.phone)} data-testid="dunning-target-history" aria-label={t('dunning.historyOf', { phone: target.phone })}>
                {target.phone}
              </button>
            </td>
            <td>{target.amount ?? ''}</td>
            <td data-testid="dunning-target-state-cell">{t(`dunning.targetState.${target.state}`)}</td>
            <td data-testid="dunning-target-sent">
              {target.remindersSent} / {schedule?.count}
            </td>
            <td>
              {target.lastReminder && (
                <>
                  {t(`dunning.reminderState.${target.lastReminder.state}`)} {formatDateTime(target.lastReminder.sentAt ?? target.lastReminder.createdAt)}
                  {target.lastReminder.error && <span className="muted"> — {target.lastReminder.error}</span>}
                </>
              )}
            </td>
            <td className="nowrap">{formatDateTime(target.nextDueAt, { seconds: false })}</td>
          </tr>
        )}
      />
    </section>
  );
}

function HistoryPanel({ phone, onPhone }: { phone: string | null; onPhone: (phone: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(phone ?? '');
  const [shown, setShown] = useState(phone);
  if (phone !== shown) {
    setShown(phone);
    setDraft(phone ?? '');
  }
  const { data, loading, error, refetch } = useQuery(DunningHistoryQuery, { variables: { phone: phone ?? '' }, skip: !phone, fetchPolicy: 'cache-and-network' });
  const [markPaid, marking] = useMutation(MarkDunningPaidMutation);
  const [paidNote, setPaidNote] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPaidNote(null);
    if (draft.trim()) onPhone(draft.trim());
  };
  return (
    <section className="dunning-history" aria-label={t('dunning.history')}>
      <h2>{t('dunning.history')}</h2>
      <form className="toolbar" role="search" onSubmit={submit} aria-label={t('dunning.history')}>
        <div className="toolbar-field">
          <label htmlFor={id}>{t('dunning.columns.phone')}</label>
          <input id={id} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="dunning-history-phone" />
        </div>
        <div className="toolbar-actions">
          <button type="submit" className="button primary" data-testid="dunning-history-search">
            {t('dunning.showHistory')}
          </button>
          {phone && (
            <OperateOnly>
              <button
                type="button"
                className="button"
                disabled={marking.loading}
                data-testid="dunning-mark-paid"
                onClick={() =>
                  void markPaid({ variables: { phone } })
                    .then((r) => {
                      setPaidNote(t('dunning.paidNote', { phone, count: r.data?.markDunningPaid.stopped ?? 0 }));
                      void refetch();
                    })
                    .catch((e: Error) => setPaidNote(e.message))
                }
              >
                {t('dunning.markPaid')}
              </button>
            </OperateOnly>
          )}
        </div>
      </form>
      {paidNote && (
        <p role="status" data-testid="dunning-paid-note">
          {paidNote}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {phone && loading && !data && <p className="muted">{t('common.loading')}</p>}
      {data && data.dunningHistory.length === 0 && <p className="muted" data-testid="dunning-history-empty">{t('dunning.noHistory')}</p>}
      {data && data.dunningHistory.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="dunning-history">
            <thead>
              <tr>
                <th scope="col">{t('dunning.columns.at')}</th>
                <th scope="col">{t('dunning.columns.schedule')}</th>
                <th scope="col">{t('dunning.columns.n')}</th>
                <th scope="col">{t('dunning.fields.channel')}</th>
                <th scope="col">{t('dunning.columns.state')}</th>
                <th scope="col">{t('dunning.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {data.dunningHistory.map((r) => (
                <tr key={r.id} data-testid="dunning-history-row">
                  <td className="nowrap">{formatDateTime(r.sentAt ?? r.createdAt)}</td>
                  <td>{r.scheduleName}</td>
                  <td>{r.n}</td>
                  <td>{t(`dunning.channel.${r.channel}`)}</td>
                  <td>{t(`dunning.reminderState.${r.state}`)}</td>
                  <td className="wrap">
                    {r.message}
                    {r.error && <span className="form-error"> — {r.error}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
