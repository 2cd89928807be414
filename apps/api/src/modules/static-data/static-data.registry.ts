/** One in-memory cache of configuration ("static data") that can be dropped and read again. */
export interface StaticDataCache {
  /** Stable name, e.g. `time-limits`. */
  name: string;
  /** What it holds, for people. */
  description: string;
  /** How many entries it holds now (0 when nothing is loaded). */
  entries: () => number;
  /** Drops it: the next use reads the database again. */
  forget: () => void;
}

export interface StaticDataCacheState {
  name: string;
  description: string;
  entries: number;
  /** When this instance last dropped it (by a refresh here or from another instance); null: never since start. */
  refreshedAt: Date | null;
}

/**
 * The configuration each API process keeps in memory (静态数据缓存), by name. A refresh drops the
 * named caches here and, through the pub/sub, on every other instance (`publish` is wired to the
 * `config.changed` topic), so changed configuration takes effect without a restart.
 */
export class StaticDataCaches {
  private readonly caches = new Map<string, StaticDataCache>();
  private readonly refreshedAt = new Map<string, Date>();
  /** Tells the other instances (set by the service wiring). */
  publish: (names: string[] | null) => void = () => undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  register(cache: StaticDataCache): void {
    this.caches.set(cache.name, cache);
  }

  names(): string[] {
    return [...this.caches.keys()];
  }

  list(): StaticDataCacheState[] {
    return [...this.caches.values()].map((cache) => ({ name: cache.name, description: cache.description, entries: cache.entries(), refreshedAt: this.refreshedAt.get(cache.name) ?? null }));
  }

  /** Drops the named caches (all when null) here and on every other instance; returns the names dropped. */
  refresh(names: string[] | null): string[] {
    const dropped = this.forgetLocally(names);
    this.publish(names);
    return dropped;
  }

  /** Drops the named caches (all when null) in this process only (a message from another instance). */
  forgetLocally(names: string[] | null): string[] {
    const chosen = names === null ? [...this.caches.values()] : names.map((name) => this.caches.get(name)).filter((cache): cache is StaticDataCache => cache !== undefined);
    const at = this.now();
    for (const cache of chosen) {
      cache.forget();
      this.refreshedAt.set(cache.name, at);
    }
    return chosen.map((cache) => cache.name);
  }
}
