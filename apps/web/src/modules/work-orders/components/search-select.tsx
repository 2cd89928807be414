import { useId } from 'react';

export interface SearchSelectOption {
  id: string;
  label: string;
}

interface SearchSelectProps {
  label: string;
  searchLabel: string;
  search: string;
  onSearch: (text: string) => void;
  options: readonly SearchSelectOption[];
  value: string | null;
  onChange: (id: string) => void;
  loading: boolean;
  /** Shown instead of the list when there is nothing to choose. */
  empty: string;
  testId: string;
}

/**
 * A choice from a list the server filters: a search box and a native list box under it (arrow keys
 * move, the list is read out by screen readers). The parent fetches `options` for `search`.
 */
export function SearchSelect({ label, searchLabel, search, onSearch, options, value, onChange, loading, empty, testId }: SearchSelectProps) {
  const searchId = useId();
  const listId = useId();
  return (
    <div className="search-select">
      <div className="field">
        <label htmlFor={searchId}>{searchLabel}</label>
        <input id={searchId} type="search" value={search} maxLength={100} autoComplete="off" onChange={(e) => onSearch(e.target.value)} data-testid={`${testId}-search`} />
      </div>
      <div className="field">
        <label htmlFor={listId}>{label}</label>
        {options.length === 0 && !loading ? (
          <p className="muted search-select-empty" id={listId} role="status" data-testid={`${testId}-empty`}>
            {empty}
          </p>
        ) : (
          <select id={listId} size={Math.min(8, Math.max(3, options.length))} value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-busy={loading} data-testid={`${testId}-list`}>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}
