import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { SwitchCommandsService } from './switch-commands.service.ts';

/**
 * Sends pending switch commands and ends unconfirmed ones past their time: kicked when a batch is
 * submitted or re-sent on this instance, and polling for the rest (batches from other instances,
 * deadlines passing).
 */
export class SwitchCommandsWorker extends BackgroundLoop {
  constructor(
    private readonly service: SwitchCommandsService,
    batchSize: number,
    pollMs: number,
  ) {
    super('switch worker', async () => (await service.runOnce()) >= batchSize, pollMs);
  }

  override start(): void {
    this.service.kick = () => void this.kick();
    super.start();
  }

  override async stop(): Promise<void> {
    this.service.kick = () => undefined;
    await super.stop();
    await this.service.flushConfirmations();
  }
}
