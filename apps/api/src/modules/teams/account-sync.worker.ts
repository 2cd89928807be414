import { logger } from '../../lib/logger.ts';
import { accountSyncViewer, type AccountSyncService } from './account-sync.service.ts';

/**
 * Runs the account sync every `intervalMinutes` (the first run one interval after start, so a
 * restart never syncs by itself). Every instance may run one: the sync takes a database lock, and
 * a second run at the same moment reports SYNC_RUNNING and changes nothing.
 */
export class AccountSyncWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly service: AccountSyncService,
    private readonly intervalMinutes: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMinutes * 60_000);
    this.timer.unref();
  }

  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        const result = await this.service.sync(accountSyncViewer);
        if (result.ok) logger.info('account sync', { applied: result.applied.length, refused: result.refused.length });
        else logger.warn('account sync not applied', { code: result.error?.code, message: result.error?.message });
      } catch (error) {
        logger.warn('account sync failed', { message: (error as Error).message });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
