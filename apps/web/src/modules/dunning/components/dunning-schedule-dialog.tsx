import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { DunningLineProblemCode, DunningScheduleRowFragment } from '../../../generated/graphql';
import { CreateDunningScheduleMutation } from '../graphql/dunning-documents';
import { formatPeriod } from '../lib/dunning-period';
import './dunning-schedule-dialog.css';

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time for a datetime-local input. */
function localInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface Problem {
  line: number;
  text: string;
  code: DunningLineProblemCode;
  message: string;
  firstLine?: number | null;
}

/** Creates a dunning schedule from a pasted number list; bad lines come back by line number and nothing is created. */
export function DunningScheduleDialog({ now, onClose, onCreated }: { now: Date; onClose: () => void; onCreated: (schedule: DunningScheduleRowFragment) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<'SMS' | 'VOICE'>('VOICE');
  const [template, setTemplate] = useState(t('dunning.defaultTemplate'));
  const [startAt, setStartAt] = useState(localInput(now));
  const [periodMinutes, setPeriod] = useState('1440');
  const [count, setCount] = useState('3');
  const [numbers, setNumbers] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [create, creating] = useMutation(CreateDunningScheduleMutation);
  const entered = numbers.split(/\r?\n/).filter((line) => line.trim()).length;
  const period = Number(periodMinutes);

  const submit = async () => {
    setError(null);
    setProblems([]);
    const start = new Date(startAt);
    if (!name.trim()) return setError(t('dunning.errors.name'));
    if (Number.isNaN(start.getTime())) return setError(t('dunning.errors.startAt'));
    try {
      const result = await create({ variables: { input: { name, channel, template, startAt: start.toISOString(), periodMinutes: period, count: Number(count), numbers } } });
      const outcome = result.data?.createDunningSchedule;
      if (outcome?.schedule) onCreated(outcome.schedule);
      else if (outcome?.problems.length) setProblems(outcome.problems);
      else setError(outcome?.error?.code === 'NO_NUMBERS' ? t('dunning.errors.noNumbers') : (outcome?.error?.message ?? null));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const field = (key: string, label: string, input: React.ReactNode, hint?: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint}
    </div>
  );
  return (
    <ActionDialog title={t('dunning.newTitle')} testId="dunning-schedule" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('dunning.create')} submitDisabled={creating.loading} error={error}>
      <div className="dunning-dialog-row">
        {field('name', t('dunning.fields.name'), <input id={`${id}-name`} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} data-testid="dunning-name" />)}
        {field(
          'channel',
          t('dunning.fields.channel'),
          <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as 'SMS' | 'VOICE')} data-testid="dunning-channel">
            <option value="VOICE">{t('dunning.channel.VOICE')}</option>
            <option value="SMS">{t('dunning.channel.SMS')}</option>
          </select>,
        )}
      </div>
      {field(
        'template',
        t('dunning.fields.template'),
        <textarea id={`${id}-template`} rows={2} value={template} maxLength={500} onChange={(e) => setTemplate(e.target.value)} aria-describedby={`${id}-template-hint`} data-testid="dunning-template" />,
        <small id={`${id}-template-hint`} className="muted">
          {t('dunning.templateHint')}
        </small>,
      )}
      <div className="dunning-dialog-row three">
        {field('start', t('dunning.fields.startAt'), <input id={`${id}-start`} type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} data-testid="dunning-start" />)}
        {field(
          'period',
          t('dunning.fields.periodMinutes'),
          <input id={`${id}-period`} type="number" min={1} max={43200} value={periodMinutes} onChange={(e) => setPeriod(e.target.value)} aria-describedby={`${id}-period-hint`} data-testid="dunning-period" />,
          <small id={`${id}-period-hint`} className="muted" data-testid="dunning-period-hint">
            {Number.isInteger(period) && period > 0 ? formatPeriod(period, t) : ''}
          </small>,
        )}
        {field('count', t('dunning.fields.count'), <input id={`${id}-count`} type="number" min={1} max={100} value={count} onChange={(e) => setCount(e.target.value)} data-testid="dunning-count" />)}
      </div>
      {field(
        'numbers',
        t('dunning.fields.numbers'),
        <textarea
          id={`${id}-numbers`}
          rows={6}
          className="mono"
          value={numbers}
          onChange={(e) => setNumbers(e.target.value)}
          placeholder={'13800138000 125.50\n13900139000'}
          aria-describedby={`${id}-numbers-hint`}
          aria-invalid={problems.length > 0 || undefined}
          data-testid="dunning-numbers"
        />,
        <small id={`${id}-numbers-hint`} className="muted">
          {t('dunning.numbersHint')} {t('dunning.numbersEntered', { count: entered })}
        </small>,
      )}
      {problems.length > 0 && (
        <div className="form-error dunning-problems" role="alert" data-testid="dunning-problems">
          <p data-testid="dunning-problems-summary">{t('dunning.errors.badNumbers', { count: problems.length })}</p>
          <ul aria-label={t('dunning.problemsLabel')}>
            {problems.map((p) => (
              <li key={p.line} data-testid="dunning-problem" data-line={p.line}>
                {t(p.text ? 'dunning.problemLine' : 'dunning.problemLineNoText', { line: p.line, text: p.text, problem: t(`dunning.problems.${p.code}`, { firstLine: p.firstLine, defaultValue: p.message }) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </ActionDialog>
  );
}
