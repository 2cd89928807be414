import { randomBytes } from 'node:crypto';
import { BackgroundLoop } from '../../lib/background-loop.ts';
import type { CallRecordInput } from '../../modules/prepaid/prepaid.types.ts';
import type { CdrSink, CdrSource } from './cdr.source.ts';

/** Called-number shapes the simulator dials: a local number, a mobile, long distance, international. */
const DESTINATIONS: readonly (() => string)[] = [
  () => `8${digits(7)}`,
  () => `13${digits(9)}`,
  () => `0${pick(['10', '21', '755', '571'])}${digits(8)}`,
  () => `00${pick(['1', '44', '852'])}${digits(9)}`,
];

/**
 * The built-in switch's call stream: every `intervalMs` one finished call of a prepaid number whose
 * outgoing calls are open (a barred line makes no calls), to a random destination, 0–10 minutes long
 * (a tenth of them unanswered, 0 s). The callers come from `callers()` each time, so new accounts
 * start calling and restricted ones stop.
 */
export class CdrSimulator implements CdrSource {
  private loop: BackgroundLoop | null = null;

  constructor(
    private readonly callers: () => Promise<string[]>,
    private readonly intervalMs: number,
    private readonly now: () => Date,
  ) {}

  start(sink: CdrSink): void {
    this.loop = new BackgroundLoop(
      'call-record simulator',
      async () => {
        const phones = await this.callers();
        if (phones.length > 0) await sink.ingest([this.call(pick(phones))]);
        return false;
      },
      this.intervalMs,
    );
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
  }

  /** One generated call of `callerPhone`, ended just now. */
  call(callerPhone: string): CallRecordInput {
    const durationSeconds = Math.random() < 0.1 ? 0 : 1 + Math.floor(Math.random() * 600);
    const startedAt = new Date(this.now().getTime() - durationSeconds * 1000);
    return { externalId: `SIM-${randomBytes(8).toString('hex')}`, callerPhone, calledNumber: pick(DESTINATIONS)(), startedAt, durationSeconds };
  }
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function digits(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += Math.floor(Math.random() * 10);
  return text;
}
