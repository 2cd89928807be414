import type { InterfaceMonitorQuery, MonitoredInterface } from '../../generated/graphql';

export type InterfaceMonitorRow = InterfaceMonitorQuery['interfaceMonitor'][number];

/** The interfaces in the order the monitor shows them: the order's way through the systems. */
export const INTERFACES: readonly MonitoredInterface[] = ['CRM_INBOUND', 'RESOURCE', 'PROVISIONING', 'CRM_OUTBOUND'];

export interface InterfaceGroup {
  interface: MonitoredInterface;
  rows: InterfaceMonitorRow[];
}

/**
 * The monitor's rows grouped by interface, every interface present (one that has not been used yet
 * has no rows, and is still shown, so that nobody wonders whether it is watched).
 */
export function groupByInterface(rows: readonly InterfaceMonitorRow[]): InterfaceGroup[] {
  return INTERFACES.map((name) => ({
    interface: name,
    rows: rows.filter((row) => row.interface === name).sort((a, b) => a.kind.localeCompare(b.kind)),
  }));
}

/** A failed count the user clicked: the failing records of that interface and kind. */
export interface InterfaceSelection {
  interface: MonitoredInterface;
  kind: string;
}

export function formatInterfaceSelection(s: InterfaceSelection): string {
  return `${s.interface}.${s.kind}`;
}

export function parseInterfaceSelection(value: string | null): InterfaceSelection | null {
  const match = /^(CRM_INBOUND|RESOURCE|PROVISIONING|CRM_OUTBOUND)\.([A-Z0-9_]{1,40})$/.exec(value ?? '');
  return match ? { interface: match[1] as MonitoredInterface, kind: match[2] } : null;
}

/** The external system whose requests an interface lists (CRM inbound has messages instead). */
export function systemOf(name: MonitoredInterface): 'RESOURCE' | 'PROVISIONING' | 'CRM' | null {
  if (name === 'RESOURCE' || name === 'PROVISIONING') return name;
  if (name === 'CRM_OUTBOUND') return 'CRM';
  return null;
}
