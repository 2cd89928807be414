/**
 * The time every time-based rule reads (time limits, alarms, idle logout, retries). Production runs
 * on the wall clock; tests pass their own base, and in test mode QA may move it forward with the
 * `advanceClock` mutation so that time limits can be exercised without waiting.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.offsetMs);

  /** How far this clock runs ahead of its base (ms). */
  get offset(): number {
    return this.offsetMs;
  }

  /** Sets how far the clock runs ahead of its base; it never goes back. */
  setOffset(offsetMs: number): void {
    if (!Number.isFinite(offsetMs)) throw new RangeError(`clock offset must be a finite number, got ${offsetMs}`);
    this.offsetMs = Math.max(this.offsetMs, offsetMs);
  }
}
