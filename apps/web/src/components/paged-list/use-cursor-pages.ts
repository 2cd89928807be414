import { useCallback, useState } from 'react';

/**
 * Page by page through a cursor connection: the `after` cursor of each page seen so far, so that
 * "previous" goes back without offsets (keyset pages cannot jump). Give the list a new `key` to
 * start again from the first page.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((stack) => [...stack, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return {
    /** `after` of the page to show. */
    after: cursors[cursors.length - 1],
    /** 0 for the first page. */
    pageIndex: cursors.length - 1,
    next,
    previous,
    /** Back to the first page (e.g. the search changed). */
    reset,
  };
}
