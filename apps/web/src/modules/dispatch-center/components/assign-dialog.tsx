import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { AssignDispatchCenterWorkOrderMutation, DispatchSuggestionQuery } from '../graphql/dispatch-center-documents';
import { dispatchRefusalText } from '../dispatch-refusal-text';
import { defaultAppointment, defaultHandler, handlerInputs, type HandlerChoice } from '../step-handlers';
import type { DispatchTodoRow } from './dispatch-todo-grid';

/**
 * Assignment (派单) of a to-do: the first appointment agreed with the customer, the installation team
 * (the one the dispatch rules pick is pre-selected) and, in the same action, the handlers of the later
 * steps (each keeps its default unless changed). One mutation, one transaction.
 */
export function AssignDialog({ workOrder, onClose, onDone }: { workOrder: DispatchTodoRow; onClose: () => void; onDone: (teamName: string) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const id = useId();
  const suggestion = useQuery(DispatchSuggestionQuery, { variables: { workOrderId: workOrder.id }, fetchPolicy: 'network-only' });
  const [assign, { loading }] = useMutation(AssignDispatchCenterWorkOrderMutation);
  const [appointment, setAppointment] = useState(() => defaultAppointment(new Date()));
  const [teamId, setTeamId] = useState<string>('');
  const [choices, setChoices] = useState<Record<string, HandlerChoice>>({});
  const [error, setError] = useState<string | null>(null);
  const data = suggestion.data?.dispatchSuggestion;
  const teams = data?.teams ?? [];
  const laterSteps = data?.laterSteps ?? [];
  const team = teams.find((candidate) => candidate.id === teamId) ?? null;

  // The rules' pick (else the nearest team) once the suggestion arrives.
  useEffect(() => {
    if (data && teamId === '') setTeamId(data.suggestedTeamId ?? data.teams[0]?.id ?? '');
  }, [data, teamId]);

  async function submit() {
    if (!appointment) return setError(t('dispatchCenter.assign.pickAppointment'));
    if (!team) return setError(t('dispatchCenter.assign.pickTeam'));
    setError(null);
    try {
      const input = { workOrderId: workOrder.id, appointmentAt: new Date(appointment).toISOString(), teamId: team.id, handlers: handlerInputs(laterSteps, choices) };
      const outcome = (await assign({ variables: { input } })).data?.assignDispatchCenterWorkOrder;
      if (outcome?.ok) onDone(localName(team, lng));
      else setError(dispatchRefusalText(t, outcome?.error));
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  const stepName = (code: string) => {
    const step = laterSteps.find((candidate) => candidate.code === code);
    return step ? localName(step, lng) : code;
  };

  return (
    <ActionDialog
      title={t('dispatchCenter.assign.title', { no: workOrder.workOrderNo })}
      testId="assign-dispatch"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('dispatchCenter.assign.submit')}
      submitDisabled={loading || !data}
      error={error ?? (suggestion.error ? suggestion.error.message : null)}
    >
      <p className="dialog-subject" data-testid="assign-dispatch-customer">
        {workOrder.order.customerName} · <span className="mono">{workOrder.order.customerPhone ?? '—'}</span> · {workOrder.order.address}
      </p>
      <p className="muted">{t('dispatchCenter.assign.acceptedAt', { at: formatDateTime(workOrder.order.acceptedAt) })}</p>
      <div className="field">
        <label htmlFor={`${id}-at`}>{t('dispatchCenter.assign.appointment')}</label>
        <input id={`${id}-at`} type="datetime-local" required value={appointment} onChange={(e) => setAppointment(e.target.value)} data-testid="assign-dispatch-appointment" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-team`}>{t('dispatchCenter.assign.team')}</label>
        <select id={`${id}-team`} value={teamId} onChange={(e) => (setTeamId(e.target.value), setChoices({}))} disabled={!data} data-testid="assign-dispatch-team">
          {teams.length === 0 && <option value="">{suggestion.loading ? t('grid.loading') : t('dispatchCenter.assign.noTeams')}</option>}
          {teams.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {localName(candidate, lng)} · {localName(candidate.organisation, lng)}
              {candidate.id === data?.suggestedTeamId ? ` (${t('dispatchCenter.assign.suggested')})` : ''}
            </option>
          ))}
        </select>
      </div>
      {team && (
        <p className="muted" data-testid="assign-dispatch-members">
          {t('dispatchCenter.assign.members', { count: team.members.length })}{' '}
          {team.members.map((member) => `${member.staff.name}${member.leader ? ` (${t('dispatchCenter.assign.leader')})` : ''}`).join('、')}
        </p>
      )}
      {laterSteps.length > 0 && (
        <fieldset>
          <legend>{t('dispatchCenter.assign.laterSteps')}</legend>
          <div className="dispatch-later-steps-grid">
          {laterSteps.map((step, index) => {
            const fallback = defaultHandler(step, index);
            const defaultLabel =
              fallback.kind === 'team'
                ? t('dispatchCenter.assign.defaultTeam', { team: team ? localName(team, lng) : '—' })
                : fallback.kind === 'claimer'
                  ? t('dispatchCenter.assign.defaultClaimer', { step: stepName(fallback.step) })
                  : t('dispatchCenter.assign.defaultRules');
            return (
              <div className="field" key={step.code}>
                <label htmlFor={`${id}-step-${step.code}`}>
                  {localName(step, lng)} <span className="mono muted">{step.code}</span>
                </label>
                <select id={`${id}-step-${step.code}`} value={choices[step.code] ?? ''} onChange={(e) => setChoices({ ...choices, [step.code]: e.target.value })} data-testid={`assign-dispatch-step-${step.code}`}>
                  <option value="">{defaultLabel}</option>
                  <optgroup label={t('dispatchCenter.assign.teams')}>
                    {teams.map((candidate) => (
                      <option key={candidate.id} value={`team:${candidate.id}`}>
                        {localName(candidate, lng)}
                      </option>
                    ))}
                  </optgroup>
                  {team && team.members.length > 0 && (
                    <optgroup label={t('dispatchCenter.assign.memberOf', { team: localName(team, lng) })}>
                      {team.members.map((member) => (
                        <option key={member.staff.id} value={`staff:${team.id}:${member.staff.id}`}>
                          {member.staff.name} · {member.staff.staffNo}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
              </div>
            );
          })}
          </div>
        </fieldset>
      )}
    </ActionDialog>
  );
}
