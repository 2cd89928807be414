import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { graphql } from '../../../generated';
import { localName } from '../../../lib/local-name';
import { organisationLines, servesArea } from '../../organisations/organisation-lines';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import { ManagedPositionsQuery } from '../../positions/graphql/position-documents';

const AssignStaffPositionsMutation = graphql(`
  mutation AssignStaffPositions($input: AssignStaffPositionsInput!) {
    assignStaffPositions(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

interface AssignPositionsDialogProps {
  staff: { id: string; staffNo: string; name: string; organisation: { id: string }; positions: readonly { id: string }[] };
  onClose: () => void;
  onSaved: () => void;
}

/** Position assignment (定岗): tick the positions the staff member holds, among those of their organisation line. */
export function AssignPositionsDialog({ staff, onClose, onSaved }: AssignPositionsDialogProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(staff.positions.map((p) => p.id)));
  const [search, setSearch] = useState('');
  const [defaults, setDefaults] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const tree = useQuery(OrganisationsQuery);
  const positions = useQuery(ManagedPositionsQuery, { variables: { filter: {} } });
  const [assign, saving] = useMutation(AssignStaffPositionsMutation);
  const lines = useMemo(() => organisationLines(tree.data?.organisations ?? []), [tree.data]);
  const text = search.trim().toLowerCase();
  const offered = useMemo(
    () =>
      (positions.data?.managedPositions ?? []).filter(
        (p) => (servesArea(lines, p.organisation.id, staff.organisation.id) || chosen.has(p.id)) && (!text || `${p.code} ${p.name} ${p.nameEn}`.toLowerCase().includes(text)),
      ),
    [positions.data, lines, staff.organisation.id, chosen, text],
  );

  const submit = async () => {
    setError(null);
    try {
      const outcome = (await assign({ variables: { input: { staffId: staff.id, positionIds: [...chosen], generateDefaultPermissions: defaults } } })).data?.assignStaffPositions;
      if (outcome?.ok) onSaved();
      else setError(outcome?.error?.message ?? t('staff.assign.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t('staff.assign.title', { staff: `${staff.staffNo} ${staff.name}` })} testId="assign-positions" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('staff.assign.save')} submitDisabled={saving.loading} error={error}>
      <p className="muted">{t('staff.assign.intro')}</p>
      <div className="field">
        <label htmlFor={searchId}>{t('staff.assign.search')}</label>
        <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="assign-positions-search" />
      </div>
      <fieldset className="assign-positions-list" data-testid="assign-positions-list">
        <legend>{t('staff.assign.positions', { count: chosen.size })}</legend>
        {positions.loading && !positions.data && <p role="status">{t('common.loading')}</p>}
        {offered.map((p) => (
          <label key={p.id}>
            <input
              type="checkbox"
              checked={chosen.has(p.id)}
              onChange={(e) =>
                setChosen((current) => {
                  const next = new Set(current);
                  if (e.target.checked) next.add(p.id);
                  else next.delete(p.id);
                  return next;
                })
              }
              data-testid="assign-position"
              data-code={p.code}
            />
            {localName(p)} <span className="muted">· {localName(p.positionType)}</span>
          </label>
        ))}
      </fieldset>
      <label className="assign-positions-defaults">
        <input type="checkbox" checked={defaults} onChange={(e) => setDefaults(e.target.checked)} data-testid="assign-positions-defaults" />
        {t('staff.assign.defaults')}
      </label>
      {defaults && (
        <p className="notice" data-testid="assign-positions-defaults-hint">
          {t('staff.assign.defaultsHint')}
        </p>
      )}
    </ActionDialog>
  );
}
