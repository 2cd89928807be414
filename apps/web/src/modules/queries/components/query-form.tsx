import { useQuery } from '@apollo/client/react';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/local-name';
import { flattenOrganisations } from '../../organisations/flatten-organisations';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import type { QueryParams } from '../query-params';

export type FieldSpec = (
  | { name: string; kind: 'text'; maxLength: number }
  | { name: string; kind: 'date' }
  | { name: string; kind: 'select'; options: { value: string; label: string }[] }
  | { name: string; kind: 'organisation' }
) & {
  /** A rarer condition, shown under "More conditions" unless it has a value. */
  more?: boolean;
};

interface QueryFormProps {
  fields: FieldSpec[];
  values: QueryParams;
  onChange: (values: QueryParams) => void;
  onSubmit: () => void;
  onReset: () => void;
  /** Buttons shown after Search and Reset (export, print…). */
  children?: ReactNode;
}

/** The conditions of a query: one labelled field per condition, Enter or "Search" runs it. */
export function QueryForm({ fields, values, onChange, onSubmit, onReset, children }: QueryFormProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const [expanded, setExpanded] = useState(false);
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  const more = fields.filter((field) => field.more);
  // The usual conditions first, then the rarer ones that are open or set.
  const shown = [...fields.filter((field) => !field.more), ...more.filter((field) => expanded || (values[field.name] ?? '') !== '')];

  return (
    <form
      className="query-form"
      role="search"
      aria-label={t('queries.conditions')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="query-fields">
        {shown.map((field) => {
          const id = `${baseId}-${field.name}`;
          return (
            <div className="query-field" key={field.name}>
              <label htmlFor={id}>{t(`queries.fields.${field.name}`)}</label>
              {field.kind === 'text' && <input id={id} type="text" value={values[field.name] ?? ''} maxLength={field.maxLength} onChange={(e) => set(field.name, e.target.value)} data-testid={`q-${field.name}`} />}
              {field.kind === 'date' && <input id={id} type="date" value={values[field.name] ?? ''} onChange={(e) => set(field.name, e.target.value)} data-testid={`q-${field.name}`} />}
              {field.kind === 'select' && (
                <select id={id} value={values[field.name] ?? ''} onChange={(e) => set(field.name, e.target.value)} data-testid={`q-${field.name}`}>
                  <option value="">{t('queries.any')}</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
              {field.kind === 'organisation' && <OrganisationField id={id} value={values[field.name] ?? ''} onChange={(value) => set(field.name, value)} />}
            </div>
          );
        })}
      </div>
      <div className="query-actions">
        <button type="submit" className="button primary" data-testid="query-search">
          {t('queries.search')}
        </button>
        <button type="button" className="button" onClick={onReset} data-testid="query-reset">
          {t('queries.reset')}
        </button>
        {more.length > 0 && (
          <button type="button" className="button link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)} data-testid="query-more">
            {expanded ? t('queries.fewer') : t('queries.more', { count: more.length })}
          </button>
        )}
        {children}
      </div>
    </form>
  );
}

/** The visible organisation tree, indented by level. */
function OrganisationField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(OrganisationsQuery);
  const options = useMemo(() => flattenOrganisations(data?.organisations ?? []), [data]);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={loading && !data} aria-invalid={error ? true : undefined} data-testid="q-area">
      <option value="">{error ? t('staff.organisationsFailed') : t('queries.any')}</option>
      {/* A shared link may name an area before the tree has loaded: keep its value selectable. */}
      {value && !options.some((org) => org.id === value) && <option value={value}>{value}</option>}
      {options.map((org) => (
        <option key={org.id} value={org.id}>
          {'\u00A0\u00A0\u00A0'.repeat(org.depth)}
          {localName(org)}
        </option>
      ))}
    </select>
  );
}
