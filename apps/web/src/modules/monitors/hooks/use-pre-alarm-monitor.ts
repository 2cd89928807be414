import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef } from 'react';
import { useWsStatus } from '../../../lib/ws-status';
import { AlarmChangedSubscription } from '../graphql/alarm-changed-subscription';
import { PreAlarmMonitorQuery } from '../graphql/pre-alarm-monitor-query';
import { throttle } from '../throttle';
import { useRefresh } from './use-refresh';

/** Alarms come in bursts (a scan marks many rows at once): the counts are read at most this often. */
const REFETCH_THROTTLE_MS = 1_000;
/** New and finished orders move the executing counts without an alarm: re-read now and then anyway. */
const POLL_MS = 30_000;

const COUNTS = [PreAlarmMonitorQuery];

/**
 * The pre-alarm counts of one organisation (null: the top of the viewer's data permissions), kept
 * live: every alarm within the organisation re-reads them (at most once a second), and so does a
 * reconnect (alarms may have been missed while the socket was down).
 */
export function usePreAlarmMonitor(organisationId: string | null, { skip = false } = {}) {
  const query = useQuery(PreAlarmMonitorQuery, {
    variables: { organisationId },
    skip,
    notifyOnNetworkStatusChange: false,
  });
  const counts = useRefresh(COUNTS, { intervalMs: skip ? undefined : POLL_MS });
  const { refresh, markUpdated } = counts;

  useEffect(() => {
    if (query.data) markUpdated();
  }, [query.data, markUpdated]);

  const refreshSoon = useMemo(() => throttle(() => void refresh(), REFETCH_THROTTLE_MS), [refresh]);
  useEffect(() => () => refreshSoon.cancel(), [refreshSoon]);

  const subscription = useSubscription(AlarmChangedSubscription, {
    variables: { filter: organisationId ? { organisationId } : null },
    skip,
    onData: () => refreshSoon(),
  });

  const wsStatus = useWsStatus();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (wsStatus !== 'connected') return;
    if (wasConnected.current && !skip) refreshSoon();
    wasConnected.current = true;
  }, [wsStatus, skip, refreshSoon]);

  return { ...query, updatedAt: counts.updatedAt, subscriptionError: subscription.error, wsStatus };
}
