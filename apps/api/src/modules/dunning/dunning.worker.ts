import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { DunningService } from './dunning.service.ts';

/**
 * Sends dunning reminders when they fall due: polls (reminders are rows with a due time read from
 * the injectable clock) and is kicked when a schedule is created or the test-mode clock moves. Every
 * instance may run one: claims use SKIP LOCKED.
 */
export class DunningWorker extends BackgroundLoop {
  constructor(service: DunningService, pollMs: number) {
    super('dunning worker', async () => (await service.runOnce()) > 0, pollMs);
  }
}
