import { useApolloClient } from '@apollo/client/react';
import type { DocumentNode } from 'graphql';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Reads the page's active queries of `documents` again, now (`refresh`) and every `intervalMs`
 * (when given), and remembers when that last worked, for an "updated at" line.
 */
export function useRefresh(documents: readonly DocumentNode[], { intervalMs }: { intervalMs?: number } = {}) {
  const client = useApolloClient();
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const documentsRef = useRef(documents);
  documentsRef.current = documents;

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await client.refetchQueries({ include: [...documentsRef.current] });
      setUpdatedAt(new Date());
    } catch {
      // The queries show their own errors.
    } finally {
      setRefreshing(false);
    }
  }, [client]);

  useEffect(() => {
    if (!intervalMs) return;
    const timer = window.setInterval(() => void refresh(), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, refresh]);

  /** The first answer arrived (or a new one by other means). */
  const markUpdated = useCallback(() => setUpdatedAt(new Date()), []);

  return { refresh, refreshing, updatedAt, markUpdated };
}
