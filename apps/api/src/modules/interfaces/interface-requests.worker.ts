import { logger } from '../../lib/logger.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { InterfaceRequestsService } from './interface-requests.service.ts';

/**
 * Runs the interface requests: woken by every work-order event (new automatic steps), and polling
 * for retries whose backoff has passed and requests a crashed worker left behind.
 */
export class InterfaceRequestsWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private events: AsyncIterableIterator<unknown> | null = null;

  constructor(
    private readonly service: InterfaceRequestsService,
    private readonly pubsub: PubSub,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.kick(), this.pollMs);
    this.timer.unref();
    this.events = this.pubsub.subscribe('work-order.changed');
    void (async () => {
      for await (const _ of this.events as AsyncIterableIterator<unknown>) void this.kick();
    })();
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
          while (!this.stopped && (await this.service.runOnce()) > 0) {
            /* more may be due */
          }
        } while (this.again && !this.stopped);
      } catch (error) {
        logger.warn('interface worker failed; will retry', { message: (error as Error).message });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.events?.return?.();
    await this.running;
  }
}
