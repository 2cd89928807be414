import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { dateRange, yearGrid } from '../calendar-grid';
import { SetCalendarDaysMutation, WorkingCalendarQuery } from '../graphql/calendar-documents';
import './calendar-page.css';

type Day = { date: string; working: boolean; name?: string | null; source: 'WEEK' | 'ALL_AREAS' | 'AREA' };

/**
 * `/config/calendar` (menu `config.calendar`, 日期管理): a year of working days and holidays for all
 * areas or one area. Click days (Shift+click for a range) and mark them as holidays, working days or
 * back to the weekly default; deadlines of open work that runs across them are counted again.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('menu.config.calendar'));
  const nameId = useId();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [areaId, setAreaId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [holidayName, setHolidayName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const calendar = useQuery(WorkingCalendarQuery, { variables: { from: `${year}-01-01`, to: `${year}-12-31`, organisationId: areaId }, fetchPolicy: 'cache-and-network' });
  const [setDays, saving] = useMutation(SetCalendarDaysMutation);

  const byDate = useMemo(() => new Map<string, Day>((calendar.data?.workingCalendar ?? []).map((day) => [day.date, day])), [calendar.data]);
  const months = useMemo(() => yearGrid(year), [year]);
  const monthName = useMemo(() => new Intl.DateTimeFormat(i18n.language, { month: 'long' }), [i18n.language]);
  const weekdays = useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { weekday: 'narrow', timeZone: 'UTC' });
    return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2026, 0, 5 + i))));
  }, [i18n.language]);
  const longDate = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }), [i18n.language]);

  const toggle = (date: string, range: boolean) => {
    setMessage(null);
    setSelected((current) => {
      const next = new Set(current);
      if (range && anchor) for (const d of dateRange(anchor, date)) next.add(d);
      else if (next.has(date)) next.delete(date);
      else next.add(date);
      return next;
    });
    setAnchor(date);
  };

  const apply = async (working: boolean | null) => {
    const dates = [...selected].sort();
    if (dates.length === 0) return;
    const name = working === false ? holidayName.trim() || null : null;
    try {
      const result = await setDays({ variables: { input: { organisationId: areaId, days: dates.map((date) => ({ date, working, name })) } } });
      if (result.data?.setCalendarDays.ok) {
        setMessage({ kind: 'ok', text: t(working === null ? 'calendar.cleared' : working ? 'calendar.markedWorking' : 'calendar.markedHoliday', { count: dates.length }) });
        setSelected(new Set());
        await calendar.refetch();
      } else setMessage({ kind: 'error', text: result.data?.setCalendarDays.error?.message ?? t('calendar.failed') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const describe = (date: string, day: Day | undefined) => {
    const status = day ? t(day.working ? 'calendar.working' : 'calendar.rest') : '';
    const source = day && day.source !== 'WEEK' ? t(`calendar.source.${day.source}`) : '';
    return [longDate.format(new Date(`${date}T00:00:00Z`)), status, day?.name ?? '', source, selected.has(date) ? t('calendar.selectedMark') : ''].filter(Boolean).join(', ');
  };

  return (
    <div className="page calendar-page">
      <div className="page-header">
        <h1>{t('menu.config.calendar')}</h1>
      </div>
      <p className="page-intro muted">{t('calendar.intro')}</p>
      <div className="toolbar" role="toolbar" aria-label={t('calendar.toolbar')}>
        <div className="toolbar-field calendar-year">
          <button type="button" className="button" onClick={() => (setYear((y) => y - 1), setSelected(new Set()))} aria-label={t('calendar.previousYear')} data-testid="calendar-previous-year">
            ‹
          </button>
          <span className="calendar-year-label" data-testid="calendar-year" aria-live="polite">
            {year}
          </span>
          <button type="button" className="button" onClick={() => (setYear((y) => y + 1), setSelected(new Set()))} aria-label={t('calendar.nextYear')} data-testid="calendar-next-year">
            ›
          </button>
        </div>
        <OrganisationSelect value={areaId} onChange={(id) => (setAreaId(id), setSelected(new Set()))} label={t('calendar.area')} testId="calendar-area" emptyLabel={t('calendar.allAreas')} />
        <ul className="calendar-legend" aria-label={t('calendar.legend')}>
          <li>
            <span className="calendar-swatch rest" aria-hidden="true" /> {t('calendar.rest')}
          </li>
          <li>
            <span className="calendar-swatch holiday" aria-hidden="true" /> {t('calendar.holiday')}
          </li>
          <li>
            <span className="calendar-swatch extra-working" aria-hidden="true" /> {t('calendar.extraWorking')}
          </li>
          <li>
            <span className="calendar-swatch area" aria-hidden="true" /> {t('calendar.source.AREA')}
          </li>
        </ul>
      </div>
      <OperateOnly>
        <div className="calendar-actions" role="group" aria-label={t('calendar.bulk')} data-testid="calendar-actions">
          <span aria-live="polite" data-testid="calendar-selected-count">
            {t('calendar.selected', { count: selected.size })}
          </span>
          <label htmlFor={nameId}>{t('calendar.holidayName')}</label>
          <input id={nameId} value={holidayName} maxLength={50} onChange={(e) => setHolidayName(e.target.value)} placeholder={t('calendar.holidayNamePlaceholder')} data-testid="calendar-holiday-name" />
          <button type="button" className="button primary" disabled={selected.size === 0 || saving.loading} onClick={() => void apply(false)} data-testid="calendar-mark-holiday">
            {t('calendar.markHoliday')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0 || saving.loading} onClick={() => void apply(true)} data-testid="calendar-mark-working">
            {t('calendar.markWorking')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0 || saving.loading} onClick={() => void apply(null)} data-testid="calendar-clear">
            {t('calendar.clear')}
          </button>
          <button type="button" className="button link" disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
            {t('calendar.selectNone')}
          </button>
        </div>
      </OperateOnly>
      {message && (
        <p className={message.kind === 'ok' ? 'notice ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="calendar-message">
          {message.text}
        </p>
      )}
      {calendar.error && (
        <p className="form-error" role="alert">
          {calendar.error.message}
        </p>
      )}
      <div className="calendar-year-grid" data-testid="calendar-grid" data-loaded={calendar.data ? 'true' : 'false'} aria-busy={calendar.loading}>
        {months.map(({ month, weeks }) => (
          <table key={month} className="calendar-month">
            <caption>{monthName.format(new Date(Date.UTC(year, month - 1, 15)))}</caption>
            <thead>
              <tr>
                {weekdays.map((day, i) => (
                  <th key={i} scope="col" abbr={day}>
                    {day}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((date, i) => {
                    if (!date) return <td key={i} />;
                    const day = byDate.get(date);
                    const weekend = i >= 5;
                    const classes = [
                      'calendar-day',
                      day && !day.working ? (weekend && day.source === 'WEEK' ? 'rest' : 'holiday') : '',
                      day && day.working && weekend ? 'extra-working' : '',
                      day?.source === 'AREA' ? 'area' : '',
                      selected.has(date) ? 'selected' : '',
                    ]
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <td key={i}>
                        <button
                          type="button"
                          className={classes}
                          aria-pressed={selected.has(date)}
                          aria-label={describe(date, day)}
                          title={day?.name ?? undefined}
                          onClick={(e) => toggle(date, e.shiftKey)}
                          data-testid="calendar-day"
                          data-date={date}
                          data-working={day ? String(day.working) : undefined}
                          data-source={day?.source}
                        >
                          {Number(date.slice(8))}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
