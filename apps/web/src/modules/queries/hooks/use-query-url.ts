import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formValues, toSearchParams, type ParsedQuery, type QueryParams } from '../query-params';

/**
 * A query whose conditions and sort live in the URL: the form edits a draft, "Search" writes it to
 * the URL (a new history entry, so Back returns to the previous query), and the URL — after a
 * reload, from a shared link or from Back — is what runs.
 */
export function useQueryUrl<Filter, Sort extends string>(names: readonly string[], parse: (params: URLSearchParams) => ParsedQuery<Filter, Sort>) {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const parsed = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);
  const [draft, setDraft] = useState<QueryParams>(() => formValues(params, names));
  useEffect(() => setDraft(formValues(new URLSearchParams(search), names)), [search, names]);

  const submit = useCallback(() => setParams(toSearchParams(draft, new URLSearchParams(search))), [draft, search, setParams]);
  const reset = useCallback(() => {
    setDraft(formValues(new URLSearchParams(), names));
    setParams(toSearchParams({}, new URLSearchParams(search)));
  }, [names, search, setParams]);
  const setSort = useCallback(
    (sort: { sortBy: Sort; sortDirection: string }) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('sort', sort.sortBy);
          next.set('dir', sort.sortDirection);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  // The conditions only: a new value means a new result (the grid re-reads it from the start).
  const queryKey = useMemo(() => JSON.stringify(parsed.filter), [parsed.filter]);
  return { parsed, draft, setDraft, submit, reset, setSort, queryKey };
}
