import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { OrdersService } from './orders.service.ts';

/**
 * Drains the inbound CRM interface: kicked when a message is submitted, and polling for messages
 * written straight into the table (as CRM does) or left by a crashed process. Any number of
 * processes can run one: each message is claimed with FOR UPDATE SKIP LOCKED.
 */
export class CrmInboundPoller extends BackgroundLoop {
  constructor(orders: OrdersService, pollMs: number) {
    super('CRM inbound poll', () => orders.processNextCrmMessage(), pollMs);
  }
}
