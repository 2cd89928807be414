import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useWsStatus } from '../../../lib/ws-status';
import { OnlineStaffChangedSubscription } from '../graphql/online-staff-changed-subscription';
import { OnlineStaffQuery } from '../graphql/online-staff-query';

/** Re-read now and then anyway: `lastSeenAt` moves without events. */
const POLL_MS = 60_000;
/** Several logins at once (shift start) cause one re-read, not one each. */
const REFETCH_DEBOUNCE_MS = 300;

/**
 * The online-staff list, kept live: a logout removes the row at once; a login (whose row needs
 * host and times the event does not carry) re-reads the list. After a reconnect the list is
 * re-read too, since events may have been missed while the socket was down.
 */
export function useOnlineStaff() {
  const query = useQuery(OnlineStaffQuery, { pollInterval: POLL_MS, notifyOnNetworkStatusChange: false });
  const { refetch } = query;
  const timer = useRef<number | undefined>(undefined);

  const scheduleRefetch = useRef(() => {});
  scheduleRefetch.current = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void refetch().catch(() => undefined), REFETCH_DEBOUNCE_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const subscription = useSubscription(OnlineStaffChangedSubscription, {
    onData: ({ client, data }) => {
      const event = data.data?.onlineStaffChanged;
      if (!event) return;
      if (event.change === 'LOGGED_OUT') {
        client.cache.updateQuery({ query: OnlineStaffQuery }, (current) =>
          current ? { onlineStaff: current.onlineStaff.filter((s) => s.sessionId !== event.sessionId) } : current,
        );
      } else {
        scheduleRefetch.current();
      }
    },
  });

  const wsStatus = useWsStatus();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (wsStatus !== 'connected') return;
    if (wasConnected.current) scheduleRefetch.current();
    wasConnected.current = true;
  }, [wsStatus]);

  return { ...query, subscriptionError: subscription.error, wsStatus };
}
