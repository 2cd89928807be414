import { logger } from '../../lib/logger.ts';
import type { OrdersService } from './orders.service.ts';

/**
 * Drains the inbound CRM interface: kicked when a message is submitted, and polling for messages
 * written straight into the table (as CRM does) or left by a crashed process. Any number of
 * processes can run one: each message is claimed with FOR UPDATE SKIP LOCKED.
 */
export class CrmInboundPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly orders: OrdersService,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.kick(), this.pollMs);
    this.timer.unref();
    void this.kick();
  }

  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.orders.processNextCrmMessage())) {
            /* next message */
          }
        } while (this.again && !this.stopped);
      } catch (error) {
        logger.warn('CRM inbound poll failed; will retry', { message: (error as Error).message });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
