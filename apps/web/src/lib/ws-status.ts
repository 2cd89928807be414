import { useSyncExternalStore } from 'react';

/** State of the graphql-ws connection, for "live" indicators. */
export type WsStatus = 'idle' | 'connecting' | 'connected' | 'closed';

const listeners = new Set<() => void>();
let status: WsStatus = 'idle';

export function setWsStatus(next: WsStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of [...listeners]) listener();
}

export function getWsStatus(): WsStatus {
  return status;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWsStatus(): WsStatus {
  return useSyncExternalStore(subscribe, getWsStatus, getWsStatus);
}
