import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { CreateDunningScheduleMutation } from '../graphql/dunning-documents';

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time for a datetime-local input. */
function localInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface Problem {
  line: number;
  text: string;
  message: string;
}

/** Creates a dunning schedule from a pasted number list; bad lines come back by line number and nothing is created. */
export function DunningScheduleDialog({ now, onClose, onCreated }: { now: Date; onClose: () => void; onCreated: (id: string) => void }) {
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

  const submit = async () => {
    setError(null);
    setProblems([]);
    const start = new Date(startAt);
    if (!name.trim() || Number.isNaN(start.getTime())) {
      setError(t(!name.trim() ? 'dunning.errors.name' : 'dunning.errors.startAt'));
      return;
    }
    try {
      const result = await create({ variables: { input: { name, channel, template, startAt: start.toISOString(), periodMinutes: Number(periodMinutes), count: Number(count), numbers } } });
      const outcome = result.data?.createDunningSchedule;
      if (outcome?.schedule) onCreated(outcome.schedule.id);
      else {
        setProblems(outcome?.problems ?? []);
        setError(outcome?.error?.code === 'NO_NUMBERS' ? t('dunning.errors.noNumbers') : t('dunning.errors.badNumbers', { count: outcome?.problems.length ?? 0 }));
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const field = (key: string, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
    </div>
  );
  return (
    <ActionDialog title={t('dunning.newTitle')} testId="dunning-schedule" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('dunning.create')} submitDisabled={creating.loading} error={error}>
      {field('name', t('dunning.fields.name'), <input id={`${id}-name`} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} data-testid="dunning-name" />)}
      {field(
        'channel',
        t('dunning.fields.channel'),
        <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as 'SMS' | 'VOICE')} data-testid="dunning-channel">
          <option value="VOICE">{t('dunning.channel.VOICE')}</option>
          <option value="SMS">{t('dunning.channel.SMS')}</option>
        </select>,
      )}
      {field('template', t('dunning.fields.template'), <textarea id={`${id}-template`} rows={2} value={template} maxLength={500} onChange={(e) => setTemplate(e.target.value)} data-testid="dunning-template" />)}
      {field('start', t('dunning.fields.startAt'), <input id={`${id}-start`} type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} data-testid="dunning-start" />)}
      {field('period', t('dunning.fields.periodMinutes'), <input id={`${id}-period`} type="number" min={1} max={43200} value={periodMinutes} onChange={(e) => setPeriod(e.target.value)} data-testid="dunning-period" />)}
      {field('count', t('dunning.fields.count'), <input id={`${id}-count`} type="number" min={1} max={100} value={count} onChange={(e) => setCount(e.target.value)} data-testid="dunning-count" />)}
      {field('numbers', t('dunning.fields.numbers'), <textarea id={`${id}-numbers`} rows={6} value={numbers} onChange={(e) => setNumbers(e.target.value)} placeholder={'13800138000 125.50\n13900139000'} aria-describedby={`${id}-numbers-hint`} data-testid="dunning-numbers" />)}
      <p id={`${id}-numbers-hint`} className="muted">
        {t('dunning.numbersHint')}
      </p>
      {problems.length > 0 && (
        <ul className="form-error" data-testid="dunning-problems">
          {problems.map((p) => (
            <li key={p.line} data-testid="dunning-problem">
              {t('dunning.problemLine', { line: p.line })}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </ActionDialog>
  );
}
