import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useWsStatus } from '../../../lib/ws-status';
import { AlarmChangedSubscription } from '../../monitors/graphql/alarm-changed-subscription';
import { throttle } from '../../monitors/throttle';
import { DashboardOrderChangedSubscription, DashboardWorkOrderChangedSubscription } from '../graphql/dashboard-events';
import { ManagerDashboardQuery } from '../graphql/manager-dashboard-query';

/** Events come in bursts (one completion creates the next work order, an alarm scan marks many): read at most this often. */
export const DASHBOARD_REFRESH_MS = 2_000;
/** Days end while the screen stays open, and alarms may be missed while offline: re-read now and then anyway. */
const POLL_MS = 60_000;

/**
 * The manager dashboard over the last `days` days, kept live: any order, work-order or alarm event
 * the viewer may see re-reads it (throttled), and so does a reconnect.
 */
export function useLiveDashboard(days: number, { skip = false } = {}) {
  const query = useQuery(ManagerDashboardQuery, { variables: { days }, skip, pollInterval: skip ? 0 : POLL_MS, notifyOnNetworkStatusChange: false });
  const { refetch } = query;
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  useEffect(() => {
    if (query.data) setUpdatedAt(new Date());
  }, [query.data]);

  const refreshSoon = useMemo(() => throttle(() => void refetch().catch(() => undefined), DASHBOARD_REFRESH_MS), [refetch]);
  useEffect(() => () => refreshSoon.cancel(), [refreshSoon]);

  const orders = useSubscription(DashboardOrderChangedSubscription, { skip, onData: () => refreshSoon() });
  const workOrders = useSubscription(DashboardWorkOrderChangedSubscription, { skip, onData: () => refreshSoon() });
  const alarms = useSubscription(AlarmChangedSubscription, { variables: { filter: null }, skip, onData: () => refreshSoon() });

  const wsStatus = useWsStatus();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (wsStatus !== 'connected') return;
    if (wasConnected.current && !skip) refreshSoon();
    wasConnected.current = true;
  }, [wsStatus, skip, refreshSoon]);

  return { ...query, updatedAt, wsStatus, subscriptionError: orders.error ?? workOrders.error ?? alarms.error };
}
