import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { InterfaceRequestsService } from './interface-requests.service.ts';

/**
 * Runs the interface requests: woken by every work-order event (new automatic steps, on any
 * instance), and polling for retries whose backoff has passed and requests a crashed worker left.
 */
export class InterfaceRequestsWorker extends BackgroundLoop {
  private events: AsyncIterableIterator<unknown> | null = null;

  constructor(
    service: InterfaceRequestsService,
    private readonly pubsub: PubSub,
    pollMs: number,
  ) {
    super('interface worker', async () => (await service.runOnce()) > 0, pollMs);
  }

  override start(): void {
    super.start();
    const events = this.pubsub.subscribe('work-order.changed');
    this.events = events;
    void (async () => {
      for await (const _ of events) void this.kick();
    })();
  }

  override async stop(): Promise<void> {
    await this.events?.return?.();
    await super.stop();
  }
}
