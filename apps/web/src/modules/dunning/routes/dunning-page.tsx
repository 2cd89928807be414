import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly } from '../../../app/session/menu-access';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { DunningScheduleDialog } from '../components/dunning-schedule-dialog';
import { CancelDunningScheduleMutation, DunningHistoryQuery, DunningScheduleChangedSubscription, DunningSchedulesQuery, DunningTargetsQuery, MarkDunningPaidMutation } from '../graphql/dunning-documents';
import { formatPeriod } from '../lib/dunning-period';
import './dunning-page.css';

const PAGE_SIZE = 20;

/** A message kept as its key and values, so that it follows a change of language. */
type Note = { key: string; values: Record<string, string | number> };
const TARGET_STATES = ['ACTIVE', 'PAID', 'DONE', 'FAILED', 'CANCELLED'] as const;

/** Re-runs `refetch` each time `changes` moves on (not on mount: the query has just loaded). */
function useRefetchOn(changes: number, refetch: () => Promise<unknown>, enabled = true) {
  const last = useRef(changes);
  useEffect(() => {
    if (changes === last.current) return;
    last.current = changes;
    if (enabled) void refetch().catch(() => undefined);
  }, [changes, refetch, enabled]);
}

/** `/billing/dunning` (menu `billing.dunning`): dunning schedules, their numbers and each number's reminder history, live. */
export function DunningPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.dunning'));
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [listKey, setListKey] = useState(0);
  const [notice, setNotice] = useState<Note | null>(null);
  // Reminders going out (and numbers paying) move this on: the numbers and the history re-read. The
  // event itself carries the schedule's row, which the list picks up from the cache.
  const [changes, setChanges] = useState(0);
  useSubscription(DunningScheduleChangedSubscription, { variables: { id: selected ?? '' }, skip: !selected, onData: () => setChanges((n) => n + 1) });
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
      <p className="page-intro muted">{t('dunning.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="dunning-notice">
          {t(notice.key, notice.values)}
        </p>
      )}
      <Schedules key={listKey} selected={selected} onSelect={setSelected} />
      {selected && <ScheduleDetail key={selected} id={selected} changes={changes} phone={phone} onPhone={setPhone} />}
      <HistoryPanel phone={phone} onPhone={setPhone} changes={changes} />
      {creating && (
        <DunningScheduleDialog
          now={new Date()}
          onClose={() => setCreating(false)}
          onCreated={(schedule) => {
            setCreating(false);
            setNotice({ key: 'dunning.created', values: { name: schedule.name, count: schedule.summary.total } });
            // The new schedule is the newest: show the first page, where it is.
            setListKey((k) => k + 1);
            setSelected(schedule.id);
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
    <section aria-labelledby="dunning-schedules-title">
      <div className="dunning-section-head">
        <h2 id="dunning-schedules-title">{t('dunning.schedules')}</h2>
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
        emptyText={t('dunning.noSchedules')}
        head={
          <>
            <th scope="col">{t('dunning.fields.name')}</th>
            <th scope="col">{t('dunning.fields.channel')}</th>
            <th scope="col">{t('dunning.fields.startAt')}</th>
            <th scope="col">{t('dunning.columns.every')}</th>
            <th scope="col">{t('dunning.columns.state')}</th>
            <th scope="col">{t('dunning.columns.numbers')}</th>
            <th scope="col" className="num">
              {t('dunning.columns.sent')}
            </th>
            <th scope="col">{t('dunning.columns.createdBy')}</th>
          </>
        }
        row={(s) => (
          <tr key={s.id} data-testid="dunning-schedule-row" data-schedule-id={s.id} aria-selected={selected === s.id} className={selected === s.id ? 'selected' : undefined}>
            <td>
              <button type="button" className="button link" onClick={() => onSelect(s.id)} aria-pressed={selected === s.id} data-testid="dunning-open">
                {s.name}
              </button>
            </td>
            <td>{t(`dunning.channel.${s.channel}`)}</td>
            <td className="nowrap">{formatDateTime(s.startAt, { seconds: false })}</td>
            <td className="nowrap">{t('dunning.everyValue', { period: formatPeriod(s.periodMinutes, t), count: s.count })}</td>
            <td data-testid="dunning-schedule-state">
              <span className={`badge dunning-state ${s.state.toLowerCase()}`}>{t(`dunning.scheduleState.${s.state}`)}</span>
            </td>
            <td className="nowrap" data-testid="dunning-schedule-numbers">
              {t('dunning.numbersValue', { total: s.summary.total, active: s.summary.active, paid: s.summary.paid })}
            </td>
            <td className="num" data-testid="dunning-schedule-sent">
              {s.summary.remindersSent}
            </td>
            <td className="mono">{s.createdBy}</td>
          </tr>
        )}
      />
    </section>
  );
}

function ScheduleDetail({ id, changes, phone, onPhone }: { id: string; changes: number; phone: string | null; onPhone: (phone: string) => void }) {
  const { t } = useTranslation();
  const stateId = useId();
  const [state, setState] = useState<(typeof TARGET_STATES)[number] | ''>('');
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(DunningTargetsQuery, { variables: { id, state: state || null, first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network' });
  useRefetchOn(changes, refetch);
  const [cancel, cancelling] = useMutation(CancelDunningScheduleMutation);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const schedule = (data ?? previousData)?.dunningSchedule;
  return (
    <section className="dunning-detail" aria-labelledby="dunning-detail-title" data-testid="dunning-detail">
      <div className="dunning-section-head">
        <h2 id="dunning-detail-title">{schedule ? t('dunning.detailOf', { name: schedule.name }) : t('dunning.detail')}</h2>
        <div className="toolbar-field">
          <label htmlFor={stateId}>{t('dunning.columns.state')}</label>
          <select
            id={stateId}
            value={state}
            onChange={(e) => {
              setState(e.target.value as typeof state);
              pages.reset();
            }}
            data-testid="dunning-target-state"
          >
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
              className="button danger"
              disabled={cancelling.loading}
              data-testid="dunning-cancel"
              onClick={() => {
                if (!window.confirm(t('dunning.confirmCancel', { name: schedule.name }))) return;
                setCancelError(null);
                void cancel({ variables: { id } })
                  .then((r) => {
                    if (r.data?.cancelDunningSchedule.error) setCancelError(r.data.cancelDunningSchedule.error.message);
                    void refetch().catch(() => undefined);
                  })
                  .catch((e: Error) => setCancelError(e.message));
              }}
            >
              {t('dunning.cancel')}
            </button>
          </OperateOnly>
        )}
      </div>
      {cancelError && (
        <p className="form-error" role="alert">
          {cancelError}
        </p>
      )}
      {schedule && (
        <dl className="dunning-facts" data-testid="dunning-facts">
          <div>
            <dt>{t('dunning.columns.state')}</dt>
            <dd>{t(`dunning.scheduleState.${schedule.state}`)}</dd>
          </div>
          <div>
            <dt>{t('dunning.fields.channel')}</dt>
            <dd>{t(`dunning.channel.${schedule.channel}`)}</dd>
          </div>
          <div>
            <dt>{t('dunning.fields.startAt')}</dt>
            <dd>{formatDateTime(schedule.startAt, { seconds: false })}</dd>
          </div>
          <div>
            <dt>{t('dunning.columns.every')}</dt>
            <dd>{t('dunning.everyValue', { period: formatPeriod(schedule.periodMinutes, t), count: schedule.count })}</dd>
          </div>
          <div className="wide">
            <dt>{t('dunning.columns.message')}</dt>
            <dd>{schedule.template}</dd>
          </div>
        </dl>
      )}
      <PagedTable
        testId="dunning-targets"
        pages={pages}
        pageSize={PAGE_SIZE}
        connection={schedule?.targets}
        loaded={!!data}
        loading={loading}
        error={error}
        onRetry={() => void refetch().catch(() => undefined)}
        emptyText={t('dunning.noNumbers')}
        head={
          <>
            <th scope="col">{t('dunning.columns.phone')}</th>
            <th scope="col" className="num">
              {t('dunning.columns.amount')}
            </th>
            <th scope="col">{t('dunning.columns.state')}</th>
            <th scope="col" className="num">
              {t('dunning.columns.sentOfCount')}
            </th>
            <th scope="col">{t('dunning.columns.lastReminder')}</th>
            <th scope="col">{t('dunning.columns.nextDue')}</th>
          </>
        }
        row={(target) => (
          <tr key={target.id} data-testid="dunning-target-row" data-phone={target.phone} data-state={target.state} className={phone === target.phone ? 'selected' : undefined}>
            <td className="mono">
              <button type="button" className="button link" onClick={() => onPhone(target.phone)} data-testid="dunning-target-history" aria-label={t('dunning.historyOf', { phone: target.phone })}>
                {target.phone}
              </button>
            </td>
            <td className="num mono">{target.amount ?? '—'}</td>
            <td data-testid="dunning-target-state-cell">{t(`dunning.targetState.${target.state}`)}</td>
            <td className="num" data-testid="dunning-target-sent">
              {target.remindersSent} / {schedule?.count}
            </td>
            <td className="wrap" data-testid="dunning-target-last">
              {target.lastReminder && (
                <>
                  <span className={`dunning-reminder ${target.lastReminder.state.toLowerCase()}`}>{t(`dunning.reminderState.${target.lastReminder.state}`)}</span> <span className="nowrap">{formatDateTime(target.lastReminder.sentAt ?? target.lastReminder.createdAt)}</span>
                  {target.lastReminder.error && <span className="muted"> — {target.lastReminder.error}</span>}
                </>
              )}
            </td>
            <td className="nowrap" data-testid="dunning-target-next">
              {target.nextDueAt ? formatDateTime(target.nextDueAt, { seconds: false }) : '—'}
            </td>
          </tr>
        )}
      />
    </section>
  );
}

function HistoryPanel({ phone, onPhone, changes }: { phone: string | null; onPhone: (phone: string) => void; changes: number }) {
  const { t } = useTranslation();
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const [draft, setDraft] = useState(phone ?? '');
  const [shown, setShown] = useState(phone);
  const [paidNote, setPaidNote] = useState<Note | null>(null);
  const [paidError, setPaidError] = useState<string | null>(null);
  if (phone !== shown) {
    setShown(phone);
    setDraft(phone ?? '');
    setPaidNote(null);
    setPaidError(null);
  }
  const { data, loading, error, refetch } = useQuery(DunningHistoryQuery, { variables: { phone: phone ?? '' }, skip: !phone, fetchPolicy: 'cache-and-network' });
  useRefetchOn(changes, refetch, !!phone);
  // A number picked in the table above: bring its history into view.
  useEffect(() => {
    if (phone) section.current?.scrollIntoView?.({ block: 'nearest' });
  }, [phone]);
  const [markPaid, marking] = useMutation(MarkDunningPaidMutation);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPaidNote(null);
    if (draft.trim()) onPhone(draft.trim());
  };
  const history = data?.dunningHistory;
  return (
    <section ref={section} className="dunning-history" aria-labelledby="dunning-history-title" data-testid="dunning-history-panel">
      <h2 id="dunning-history-title">{phone ? t('dunning.historyOf', { phone }) : t('dunning.history')}</h2>
      <form className="toolbar" role="search" onSubmit={submit} aria-label={t('dunning.history')}>
        <div className="toolbar-field">
          <label htmlFor={id}>{t('dunning.columns.phone')}</label>
          <input id={id} type="search" inputMode="tel" value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="dunning-history-phone" />
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
                onClick={() => {
                  if (!window.confirm(t('dunning.confirmPaid', { phone }))) return;
                  setPaidNote(null);
                  setPaidError(null);
                  void markPaid({ variables: { phone } })
                    .then((r) => {
                      setPaidNote({ key: 'dunning.paidNote', values: { phone, count: r.data?.markDunningPaid.stopped ?? 0 } });
                      void refetch().catch(() => undefined);
                    })
                    .catch((e: Error) => setPaidError(e.message));
                }}
              >
                {t('dunning.markPaid', { phone })}
              </button>
            </OperateOnly>
          )}
        </div>
      </form>
      {!phone && <p className="muted">{t('dunning.historyHint')}</p>}
      {paidNote && (
        <p className="notice ok" role="status" data-testid="dunning-paid-note">
          {t(paidNote.key, paidNote.values)}
        </p>
      )}
      {(error || paidError) && (
        <p className="form-error" role="alert">
          {paidError ?? error?.message}
        </p>
      )}
      {phone && loading && !data && (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      )}
      {history && history.length === 0 && (
        <p className="muted" data-testid="dunning-history-empty">
          {t('dunning.noHistory')}
        </p>
      )}
      {history && history.length > 0 && (
        <div className="table-scroll">
          <table className="data-table drill-table" data-testid="dunning-history">
            <thead>
              <tr>
                <th scope="col">{t('dunning.columns.at')}</th>
                <th scope="col">{t('dunning.columns.schedule')}</th>
                <th scope="col" className="num">
                  {t('dunning.columns.n')}
                </th>
                <th scope="col">{t('dunning.fields.channel')}</th>
                <th scope="col">{t('dunning.columns.outcome')}</th>
                <th scope="col">{t('dunning.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id} data-testid="dunning-history-row" data-n={r.n} data-state={r.state}>
                  <td className="nowrap">{formatDateTime(r.sentAt ?? r.createdAt)}</td>
                  <td>{r.scheduleName}</td>
                  <td className="num">{r.n}</td>
                  <td>{t(`dunning.channel.${r.channel}`)}</td>
                  <td>
                    <span className={`dunning-reminder ${r.state.toLowerCase()}`}>{t(`dunning.reminderState.${r.state}`)}</span>
                  </td>
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
