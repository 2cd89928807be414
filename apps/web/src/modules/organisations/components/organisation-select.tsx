import { useQuery } from '@apollo/client/react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/local-name';
import { flattenOrganisations } from '../flatten-organisations';
import { OrganisationsQuery } from '../graphql/organisations-query';

interface OrganisationSelectProps {
  value: string | null;
  onChange: (organisationId: string | null) => void;
  /** Label text (default: "Organisation"). */
  label?: string;
  testId?: string;
  /** Text of the empty choice (default: "All organisations"); null when one must be picked. */
  emptyLabel?: string | null;
}

/** A select over the visible organisation tree, indented by level; empty = all (unless `emptyLabel` is null). */
export function OrganisationSelect({ value, onChange, label, testId = 'staff-org-filter', emptyLabel }: OrganisationSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const { data, loading, error } = useQuery(OrganisationsQuery);
  const options = useMemo(() => flattenOrganisations(data?.organisations ?? []), [data]);

  return (
    <div className="toolbar-field">
      <label htmlFor={id}>{label ?? t('staff.organisation')}</label>
      <select
        id={id}
        data-testid={testId}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        disabled={loading && !data}
        aria-invalid={error ? true : undefined}
      >
        {(emptyLabel !== null || error || !value) && <option value="">{error ? t('staff.organisationsFailed') : (emptyLabel ?? t('staff.allOrganisations'))}</option>}
        {options.map((org) => (
          <option key={org.id} value={org.id}>
            {'\u00A0\u00A0\u00A0'.repeat(org.depth)}
            {localName(org)}
          </option>
        ))}
      </select>
    </div>
  );
}
