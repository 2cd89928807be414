import { useSubscription } from '@apollo/client/react';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkOrderEventFilter } from '../../../generated/graphql';
import { useWsStatus } from '../../../lib/ws-status';
import type { WorkOrderRow } from '../components/work-order-grid';
import { WorkOrderChangedSubscription } from '../graphql/work-order-changed-subscription';

/** Many events in a burst cause one refresh. */
const REFRESH_THROTTLE_MS = 400;

/**
 * Keeps a work-order grid live: every `workOrderChanged` event matching `eventFilter` (null: every
 * event in the viewer's scope) re-reads the grid's loaded blocks, at most every REFRESH_THROTTLE_MS.
 * Rows keep their ids, so selection and scroll stay. `detailVersion` counts refreshes, for detail
 * panels to re-read their order.
 */
export function useLiveQueue(eventFilter: WorkOrderEventFilter | null, skip = false) {
  const gridApi = useRef<GridApi<WorkOrderRow> | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const refreshTimer = useRef<number | undefined>(undefined);

  const refresh = useCallback(() => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = undefined;
      gridApi.current?.refreshInfiniteCache();
      setDetailVersion((v) => v + 1);
    }, REFRESH_THROTTLE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const subscription = useSubscription(WorkOrderChangedSubscription, { variables: { filter: eventFilter }, skip, onData: () => refresh() });
  const wsStatus = useWsStatus();
  const onReady = useCallback((api: GridApi<WorkOrderRow>) => {
    gridApi.current = api;
  }, []);
  /** Drops every loaded block (after a load error): the grid reads again from the top. */
  const reload = useCallback(() => gridApi.current?.purgeInfiniteCache(), []);
  /** Clears the selection after an action took the selected rows out of the queue (the grid keeps gone rows selected). */
  const clearSelection = useCallback(() => gridApi.current?.deselectAll(), []);

  return { refresh, reload, clearSelection, onReady, detailVersion, wsStatus, subscriptionFailed: !!subscription.error };
}
