import { logger } from './logger.ts';

/**
 * A unit of background work run on demand and on a timer, never twice at once: `kick()` runs
 * `step` until it reports nothing left (false), and a kick that arrives meanwhile makes it run
 * again. Failures are logged and retried on the next kick or tick. Used by the outbox relay, the
 * CRM inbound poller and the interface worker.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    /** One batch of work; true when there may be more right away. */
    private readonly step: () => Promise<boolean>,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.kick(), this.pollMs);
    this.timer.unref();
    void this.kick();
  }

  /** Asks for a run soon (also before `start`, which only adds the timer); resolves when the work visible now has been done. */
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
          while (!this.stopped && (await this.step())) {
            /* more work right away */
          }
        } while (this.again && !this.stopped);
      } catch (error) {
        logger.warn(`${this.name} failed; will retry`, { message: (error as Error).message });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
