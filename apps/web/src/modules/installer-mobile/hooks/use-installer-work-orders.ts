import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InstallerWorkOrderFragment } from '../../../generated/graphql';
import { WorkOrderChangedSubscription } from '../../work-orders/graphql/work-order-changed-subscription';
import { installerWorkOrders } from '../field-work';
import { MyFieldWorkOrdersQuery, MyTeamsQuery, TeamQueueQuery } from '../graphql/installer-documents';

/** Many events in a burst cause one reload. */
const RELOAD_THROTTLE_MS = 400;

/**
 * The installer's work orders: claimed by or dispatched to them, and pending in their teams'
 * queues; reloaded on every work-order event the viewer may see (the subscription re-authorises
 * each event) and after each action.
 */
export function useInstallerWorkOrders(staffId: string) {
  const client = useApolloClient();
  const teams = useQuery(MyTeamsQuery, { fetchPolicy: 'cache-and-network' });
  const positionIds = (teams.data?.myTeams ?? []).map((team) => team.position.id).join(',');
  const [workOrders, setWorkOrders] = useState<InstallerWorkOrderFragment[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const [own, ...queues] = await Promise.all([
        client.query({ query: MyFieldWorkOrdersQuery, fetchPolicy: 'network-only' }),
        ...positionIds
          .split(',')
          .filter(Boolean)
          .map((positionId) => client.query({ query: TeamQueueQuery, variables: { positionId }, fetchPolicy: 'network-only' })),
      ]);
      if (mine !== generation.current) return;
      const nodes = (result: typeof own | (typeof queues)[number]) => (result.data?.workOrders.edges ?? []).map((edge) => edge.node);
      setWorkOrders(installerWorkOrders(nodes(own), queues.flatMap(nodes), staffId));
      setError(null);
    } catch (caught) {
      if (mine === generation.current) setError(caught as Error);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [client, positionIds, staffId]);

  useEffect(() => {
    if (teams.data) void reload();
  }, [teams.data, reload]);

  const timer = useRef<number | undefined>(undefined);
  const scheduleReload = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      void reload();
    }, RELOAD_THROTTLE_MS);
  }, [reload]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const subscription = useSubscription(WorkOrderChangedSubscription, { variables: { filter: null }, onData: scheduleReload });

  return {
    teams: teams.data?.myTeams ?? [],
    teamsError: teams.error,
    workOrders,
    loading: loading || (teams.loading && !teams.data),
    error,
    reload,
    liveFailed: !!subscription.error,
  };
}
