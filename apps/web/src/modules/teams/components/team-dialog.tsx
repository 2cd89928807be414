import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { InFlightWorkFieldsFragment, TeamRowFragment } from '../../../generated/graphql';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { SaveTeamMutation } from '../graphql/teams-documents';
import { teamErrorText } from '../team-error-text';
import { InFlightRefusal } from './in-flight-refusal';

/** Makes a team (its queue position is made with it) or renames one; a rename refused for in-flight work lists the work. */
export function TeamDialog({ team, onClose, onSaved }: { team: TeamRowFragment | null; onClose: () => void; onSaved: (team: TeamRowFragment) => void }) {
  const { t } = useTranslation();
  const codeId = useId();
  const nameId = useId();
  const nameEnId = useId();
  const [code, setCode] = useState(team?.code ?? '');
  const [name, setName] = useState(team?.name ?? '');
  const [nameEn, setNameEn] = useState(team?.nameEn ?? '');
  const [organisationId, setOrganisationId] = useState<string | null>(team?.organisation.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState<readonly InFlightWorkFieldsFragment[]>([]);
  const [save, saving] = useMutation(SaveTeamMutation);

  const submit = async () => {
    setError(null);
    setInFlight([]);
    if (!organisationId) {
      setError(t('teams.errors.pickArea'));
      return;
    }
    try {
      const outcome = (await save({ variables: { input: { id: team?.id ?? null, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), organisationId } } })).data?.saveTeam;
      if (outcome?.ok && outcome.team) onSaved(outcome.team);
      else {
        setError(teamErrorText(t, outcome?.error));
        setInFlight(outcome?.inFlight ?? []);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t(team ? 'teams.editTitle' : 'teams.newTitle')} testId="team" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('teams.save')} submitDisabled={saving.loading} error={inFlight.length > 0 ? null : error}>
      {team ? (
        <p className="muted">{t('teams.areaFixed')}</p>
      ) : (
        <OrganisationSelect value={organisationId} onChange={setOrganisationId} label={t('teams.area')} testId="team-area" emptyLabel={t('teams.pickArea')} />
      )}
      <div className="field">
        <label htmlFor={codeId}>{t('teams.code')}</label>
        <input id={codeId} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} data-testid="team-code" />
      </div>
      <div className="field">
        <label htmlFor={nameId}>{t('teams.name')}</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="team-name" />
      </div>
      <div className="field">
        <label htmlFor={nameEnId}>{t('teams.nameEn')}</label>
        <input id={nameEnId} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={60} data-testid="team-name-en" />
      </div>
      {error && inFlight.length > 0 && <InFlightRefusal message={error} work={inFlight} testId="team-refusal" />}
    </ActionDialog>
  );
}
