/**
 * The numbers seen so far in one bill file, each with the line it was first on, so a number that
 * comes again is reported as a bad line instead of failing the whole load on the primary key.
 *
 * Open addressing over typed arrays: a number is kept as `1<digits>` (up to 16 digits, exact in a
 * double; the leading 1 keeps leading zeros apart) in a Float64Array, its line in an Int32Array —
 * 12 bytes a slot, at most 60 % full, so 10⁶ numbers take 24 MB where a Map of heap numbers takes
 * several times that and keeps the garbage collector busy.
 */
export class PhoneSet {
  private keys: Float64Array;
  private lines: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.lines = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `key` first seen on `line`; answers the line it was already on, or 0 when it is new. */
  add(key: number, line: number): number {
    if ((this.count + 1) * 5 > this.keys.length * 3) this.grow();
    let slot = hash(key) & this.mask;
    for (;;) {
      const present = this.keys[slot];
      if (present === 0) {
        this.keys[slot] = key;
        this.lines[slot] = line;
        this.count++;
        return 0;
      }
      if (present === key) return this.lines[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, lines } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 0) continue;
      let slot = hash(key) & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.lines[slot] = lines[i];
    }
  }
}

/** Mixes both 32-bit halves of a whole number below 2⁵³ (consecutive numbers land far apart). */
function hash(key: number): number {
  const low = key >>> 0;
  const high = (key / 4294967296) >>> 0;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
