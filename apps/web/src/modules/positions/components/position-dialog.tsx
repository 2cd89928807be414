import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { ManagedPositionRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { PositionTypesQuery, SavePositionMutation } from '../graphql/position-documents';

/** Makes or changes a position: code, names, organisation and type. */
export function PositionDialog({ position, defaultOrganisationId, onClose, onSaved }: { position: ManagedPositionRowFragment | null; defaultOrganisationId: string | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const ids = { code: useId(), name: useId(), nameEn: useId(), type: useId() };
  const [code, setCode] = useState(position?.code ?? '');
  const [name, setName] = useState(position?.name ?? '');
  const [nameEn, setNameEn] = useState(position?.nameEn ?? '');
  const [organisationId, setOrganisationId] = useState<string | null>(position?.organisation.id ?? defaultOrganisationId);
  const [typeId, setTypeId] = useState(position?.positionType.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const types = useQuery(PositionTypesQuery);
  const [save, saving] = useMutation(SavePositionMutation);

  const submit = async () => {
    setError(null);
    if (!organisationId || !typeId) {
      setError(t(!organisationId ? 'positions.errors.pickOrganisation' : 'positions.errors.pickType'));
      return;
    }
    try {
      const outcome = (await save({ variables: { input: { id: position?.id ?? null, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), organisationId, positionTypeId: typeId } } })).data?.savePosition;
      if (outcome?.ok) onSaved();
      else setError(outcome?.error?.message ?? t('positions.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t(position ? 'positions.list.editTitle' : 'positions.list.newTitle')} testId="position" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('positions.save')} submitDisabled={saving.loading} error={error}>
      <div className="field">
        <label htmlFor={ids.code}>{t('positions.code')}</label>
        <input id={ids.code} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} pattern="[A-Za-z0-9_.\-]+" data-testid="position-code" />
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('positions.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="position-name" />
      </div>
      <div className="field">
        <label htmlFor={ids.nameEn}>{t('positions.nameEn')}</label>
        <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="position-name-en" />
      </div>
      <OrganisationSelect value={organisationId} onChange={setOrganisationId} label={t('positions.organisation')} testId="position-organisation" emptyLabel={t('positions.pickOrganisation')} />
      <div className="field">
        <label htmlFor={ids.type}>{t('positions.type')}</label>
        <select id={ids.type} value={typeId} onChange={(e) => setTypeId(e.target.value)} data-testid="position-type-select" required>
          <option value="">{t('positions.pickType')}</option>
          {(types.data?.positionTypes ?? []).map((type) => (
            <option key={type.id} value={type.id}>
              {localName(type)} · {t(`positions.kinds.${type.kind}`)}
            </option>
          ))}
        </select>
      </div>
    </ActionDialog>
  );
}
