import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { InFlightWorkFieldsFragment, TeamRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { DeleteTeamMutation } from '../graphql/teams-documents';
import { teamErrorText } from '../team-error-text';
import { InFlightRefusal } from './in-flight-refusal';

/** Asks before deleting a team; a refusal stays in the dialog with the in-flight work orders that stop it. */
export function TeamDeleteDialog({ team, onClose, onDeleted }: { team: TeamRowFragment; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState<readonly InFlightWorkFieldsFragment[]>([]);
  const [remove, removing] = useMutation(DeleteTeamMutation);

  const submit = async () => {
    setError(null);
    setInFlight([]);
    try {
      const outcome = (await remove({ variables: { input: { id: team.id } } })).data?.deleteTeam;
      if (outcome?.ok) onDeleted();
      else {
        setError(teamErrorText(t, outcome?.error));
        setInFlight(outcome?.inFlight ?? []);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t('teams.deleteTitle')} testId="team-delete" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('teams.delete')} submitDisabled={removing.loading} error={inFlight.length > 0 ? null : error}>
      <p>{t('teams.deleteConfirm', { team: `${team.code} ${localName(team)}`, count: team.members.length })}</p>
      {error && inFlight.length > 0 && <InFlightRefusal message={error} work={inFlight} testId="team-delete-refusal" />}
    </ActionDialog>
  );
}
