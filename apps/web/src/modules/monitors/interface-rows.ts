import type { InterfaceMonitorQuery, MonitoredInterface } from '../../generated/graphql';

export type InterfaceMonitorRow = InterfaceMonitorQuery['interfaceMonitor'][number];

/** The interfaces in the order the monitor shows them: the order's way through the systems, then the switch. */
export const INTERFACES: readonly MonitoredInterface[] = ['CRM_INBOUND', 'RESOURCE', 'PROVISIONING', 'CRM_OUTBOUND', 'SWITCH'];

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
  const match = /^(CRM_INBOUND|RESOURCE|PROVISIONING|CRM_OUTBOUND|SWITCH)\.([A-Z0-9_]{1,40})$/.exec(value ?? '');
  return match ? { interface: match[1] as MonitoredInterface, kind: match[2] } : null;
}

/** The external system whose requests an interface lists (CRM inbound has messages instead, the switch its batches). */
export function systemOf(name: MonitoredInterface): 'RESOURCE' | 'PROVISIONING' | 'CRM' | null {
  if (name === 'RESOURCE' || name === 'PROVISIONING') return name;
  if (name === 'CRM_OUTBOUND') return 'CRM';
  return null;
}

/** The screen where a switch command of this action is seen with its reason and re-sent: its batch's. */
export function switchScreenOf(action: string): { path: string; menu: string } {
  return action === 'SUSPEND' || action === 'RESUME' ? { path: '/billing/arrears', menu: 'billing.arrears' } : { path: '/billing/call-permissions', menu: 'billing.call-permissions' };
}

/** The translation key of a kind: a switch command's action, or a request kind. */
export function kindLabelKey(name: MonitoredInterface, kind: string): string {
  return name === 'SWITCH' ? `switchBatches.actions.${kind}` : `monitors.kinds.${kind}`;
}
