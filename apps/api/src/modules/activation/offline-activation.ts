import type { Prisma } from '@openiom/db';
import { setDemandFields } from '../orders/order-demand.ts';

type Tx = Prisma.TransactionClient;

/** The work-order type of the offline-activation step (线下激活). */
export const OFFLINE_ACTIVATION_TYPE = 'OFFLINE_ACTIVATION';

/** The order-demand key of the port the resource system assigned (配端口), e.g. `OLT-3/1/5/17`. */
export const PORT_KEY = 'port';

/** What the installer of the network set up by hand: the access device, its port and the VLAN. */
export interface OfflineActivationInput {
  device: string;
  port: string;
  vlan: number;
}

/** What the offline activation must match: the resource system's port and the device it is on. */
export interface OfflineActivationTarget {
  device: string | null;
  port: string | null;
}

export interface OfflineActivationProblem {
  code: string;
  message: string;
  field: string;
}

/** The device of a port: everything before its first slash (`OLT-3/1/5/17` → `OLT-3`). */
function deviceOf(port: string): string {
  return port.split('/')[0];
}

/** What an offline activation must match, from the port the resource system assigned (null: none). */
export function offlineActivationTargetOf(port: string | null): OfflineActivationTarget {
  return port === null ? { device: null, port: null } : { device: deviceOf(port), port };
}

/** The resource system's port for an order, and its device; nulls when no port was assigned. */
export async function offlineActivationTarget(db: Tx, orderId: number): Promise<OfflineActivationTarget> {
  const row = await db.orderDemand.findUnique({ where: { orderId_key: { orderId, key: PORT_KEY } }, select: { value: true } });
  return offlineActivationTargetOf(row?.value ?? null);
}

/**
 * Checks an offline activation against the resources the order holds, as the seed's system does
 * ("未录入准确的资源不能通过系统校验"): the port must be the one the resource system assigned, the
 * device the one that port is on, the VLAN a usable 802.1Q id. Returns the first problem, or null.
 */
export function offlineActivationProblem(target: OfflineActivationTarget, input: OfflineActivationInput | null): OfflineActivationProblem | null {
  if (!input) {
    return { code: 'ACTIVATION_DATA_REQUIRED', message: 'Offline activation needs the device, port and VLAN set up on the network by hand.', field: 'offlineActivation' };
  }
  if (!target.port) {
    return { code: 'NO_ASSIGNED_PORT', message: 'The resource system assigned no port to this order: reject it back to the failure review or to CRM.', field: 'offlineActivation.port' };
  }
  if (input.device !== target.device) {
    return { code: 'DEVICE_MISMATCH', message: `Device ${input.device} is not the one of the assigned port (${target.device}).`, field: 'offlineActivation.device' };
  }
  if (input.port !== target.port) {
    return { code: 'PORT_MISMATCH', message: `Port ${input.port} is not the port the resource system assigned (${target.port}).`, field: 'offlineActivation.port' };
  }
  if (!Number.isInteger(input.vlan) || input.vlan < 2 || input.vlan > 4094) {
    return { code: 'INVALID_VLAN', message: `VLAN ${input.vlan} is not usable: give a VLAN id from 2 to 4094.`, field: 'offlineActivation.vlan' };
  }
  return null;
}

/** Records the offline activation in the order demand (the old values kept), in the completion's transaction. */
export async function recordOfflineActivation(tx: Tx, orderId: number, input: OfflineActivationInput, now: Date): Promise<void> {
  await setDemandFields(tx, orderId, { activationMode: 'OFFLINE', activationDevice: input.device, activationPort: input.port, activationVlan: String(input.vlan) }, now);
}
