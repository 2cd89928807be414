import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef } from 'react';
import type { SupervisionFilter } from '../../../generated/graphql';
import { useWsStatus } from '../../../lib/ws-status';
import { throttle } from '../../monitors/throttle';
import { SupervisionClockChangedSubscription, SupervisionOrderChangedSubscription, SupervisionWorkOrderChangedSubscription } from '../graphql/supervision-events';
import { SupervisionQuery } from '../graphql/supervision-query';

/**
 * Rows per list: the oldest, which are the ones to chase (the totals count all). Bounded by the API's
 * query-cost limit: 200 rows × 3 lists of ~25 fields stays under it.
 */
export const SUPERVISION_ROWS = 200;
/** Events come in bursts (a completion opens the next work order): read at most this often. */
export const SUPERVISION_REFRESH_MS = 1_000;
/** A safety net for anything missed while offline; the timer and events do the real work. */
const POLL_MS = 5 * 60_000;
/** The longest a timer is set for (setTimeout overflows past ~24.8 days; the poll covers the rest). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long after `asOf` (the server's clock) the lists change by time alone; null: never. */
export function delayUntil(nextChangeAt: string | null | undefined, asOf: string | null | undefined): number | null {
  if (!nextChangeAt || !asOf) return null;
  return Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(nextChangeAt) - Date.parse(asOf)) + 250);
}

/**
 * The supervision lists kept live. Items cross a threshold with no event at all, so the list reads
 * again (1) at `nextChangeAt`, the next crossing the API computed for the viewer's scope, measured on
 * the API's clock (`asOf`), not the browser's; (2) on order and work-order events (an order completes,
 * an appointment is claimed); (3) when the test clock moves (`clockChanged`); (4) on reconnect.
 */
export function useLiveSupervision({ skip = false, filter }: { skip?: boolean; filter: SupervisionFilter }) {
  const query = useQuery(SupervisionQuery, { variables: { first: SUPERVISION_ROWS, filter }, skip, pollInterval: skip ? 0 : POLL_MS, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: false });
  const { refetch } = query;
  const refreshSoon = useMemo(() => throttle(() => void refetch().catch(() => undefined), SUPERVISION_REFRESH_MS), [refetch]);
  useEffect(() => () => refreshSoon.cancel(), [refreshSoon]);

  const supervision = query.data?.supervision;
  const delay = delayUntil(supervision?.nextChangeAt, supervision?.asOf);
  useEffect(() => {
    if (skip || delay === null) return;
    const timer = setTimeout(() => refreshSoon(), delay);
    return () => clearTimeout(timer);
  }, [skip, delay, supervision?.asOf, refreshSoon]);

  const orders = useSubscription(SupervisionOrderChangedSubscription, { skip, onData: () => refreshSoon() });
  const workOrders = useSubscription(SupervisionWorkOrderChangedSubscription, { skip, onData: () => refreshSoon() });
  const clock = useSubscription(SupervisionClockChangedSubscription, { skip, onData: () => refreshSoon() });

  const wsStatus = useWsStatus();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (wsStatus !== 'connected') return;
    if (wasConnected.current && !skip) refreshSoon();
    wasConnected.current = true;
  }, [wsStatus, skip, refreshSoon]);

  return { ...query, wsStatus, subscriptionError: orders.error ?? workOrders.error ?? clock.error };
}
