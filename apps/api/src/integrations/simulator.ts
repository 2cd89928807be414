/** How a simulated external system behaves; settable at run time (admin mutation) so QA can force failures. */
export interface SimulatorSettings {
  /** Answer delay range in ms. */
  minLatencyMs: number;
  maxLatencyMs: number;
  /** Share of requests refused (0–1). */
  failureRate: number;
  /** Share of requests never answered (0–1): the caller's timeout decides. */
  timeoutRate: number;
}

/** Refused by the external system, with its reason. */
export class ExternalRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExternalRefusal';
  }
}

/**
 * Behaviour shared by every simulator: latency, refusals and silence in the configured shares. The
 * random source is injectable so tests can be exact.
 */
export class SimulatedBehaviour {
  constructor(
    public settings: SimulatorSettings,
    private readonly random: () => number = Math.random,
  ) {}

  /** Waits the latency, then refuses, stays silent (never settles) or runs `answer`. */
  async respond<T>(answer: () => T, refusal: string): Promise<T> {
    const { minLatencyMs, maxLatencyMs, failureRate, timeoutRate } = this.settings;
    const latency = minLatencyMs + this.random() * Math.max(0, maxLatencyMs - minLatencyMs);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const roll = this.random();
    if (roll < timeoutRate) return new Promise<T>(() => undefined);
    if (roll < timeoutRate + failureRate) throw new ExternalRefusal(refusal);
    return answer();
  }
}

export const defaultSimulatorSettings: SimulatorSettings = { minLatencyMs: 50, maxLatencyMs: 300, failureRate: 0.05, timeoutRate: 0.02 };
