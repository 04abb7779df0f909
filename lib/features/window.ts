// Streaming building blocks shared by the indicators. Every indicator is a small state object
// updated one bar at a time; its batch kernel is a loop over that same object, so streaming and
// batch results are identical by construction (what is backtested is what would trade).

/**
 * Sum of the last `window` values, O(1) per update. A missing value (NaN) is counted rather than
 * summed, so it makes every window that holds it incomplete without poisoning the sum afterwards.
 */
export class RollingSum {
  private readonly ring: Float64Array;
  private next = 0;
  private seen = 0;
  private missing = 0;
  sum = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }

  /** Adds x, drops the value that left the window; returns the sum, or NaN while incomplete. */
  update(x: number): number {
    const old = this.ring[this.next]!;
    let gapLeft = false;
    if (this.seen >= this.window) {
      if (old === old) this.sum -= old; else { this.missing--; gapLeft = true; }
    } else {
      this.seen++;
    }
    this.ring[this.next] = x;
    this.next = this.next + 1 === this.window ? 0 : this.next + 1;
    if (x === x) this.sum += x; else this.missing++;
    if (gapLeft && this.missing === 0) {
      // The last gap just left the window: start the sum afresh, as a reference run on the bars
      // after the gap would, instead of carrying rounding from before it.
      let sum = 0;
      for (let i = 0; i < this.window; i++) sum += this.ring[(this.next + i) % this.window]!;
      this.sum = sum;
    }
    return this.seen === this.window && this.missing === 0 ? this.sum : Number.NaN;
  }

  /** True once `window` values have been seen and none in the window is missing. */
  get complete(): boolean {
    return this.seen === this.window && this.missing === 0;
  }

  /** The value that entered `lag` updates ago (0 = latest); NaN before it exists. */
  at(lag: number): number {
    if (lag >= this.seen) return Number.NaN;
    let i = this.next - 1 - lag;
    if (i < 0) i += this.window;
    return this.ring[i]!;
  }
}

/**
 * Highest (or lowest) of the last `window` values with a monotonic deque: O(1) amortised per
 * update. NaN while fewer than `window` values have been seen or while one in the window is NaN.
 * `argAge` is how many updates ago the extreme was seen (0 = this bar), as Aroon needs; on ties
 * the most recent occurrence wins with `preferRecent`, else the oldest (callers state which
 * convention their reference uses).
 */
export class RollingExtreme {
  // Minima are tracked as maxima of -x, so the hot loop has one comparison and no kind branch;
  // the ring has a power-of-two capacity so wrapping is a mask, not a division.
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;
  private readonly mask: number;
  private readonly sign: number;
  private head = 0;
  private size = 0;
  private count = 0;
  private lastMissing = -Infinity;
  value = Number.NaN;
  argAge = Number.NaN;

  constructor(readonly window: number, readonly kind: 'max' | 'min', readonly preferRecent = true) {
    let capacity = 1;
    while (capacity < window) capacity <<= 1;
    this.values = new Float64Array(capacity);
    this.stamps = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.sign = kind === 'max' ? 1 : -1;
  }

  update(x: number): number {
    const now = this.count++;
    const mask = this.mask, values = this.values, stamps = this.stamps;
    // Drop values that left the window first, so the ring never holds more than `window`.
    if (this.size > 0 && stamps[this.head]! <= now - this.window) {
      this.head = (this.head + 1) & mask;
      this.size--;
    }
    if (x !== x) {
      this.lastMissing = now;
      this.head = 0;
      this.size = 0;
    } else {
      const y = this.sign * x;
      let size = this.size;
      if (this.preferRecent) {
        while (size > 0 && values[(this.head + size - 1) & mask]! <= y) size--;
      } else {
        while (size > 0 && values[(this.head + size - 1) & mask]! < y) size--;
      }
      const slot = (this.head + size) & mask;
      values[slot] = y;
      stamps[slot] = now;
      this.size = size + 1;
    }
    if (this.count < this.window || now - this.lastMissing < this.window) {
      this.value = Number.NaN;
      this.argAge = Number.NaN;
    } else {
      this.value = this.sign * values[this.head]!;
      this.argAge = now - stamps[this.head]!;
    }
    return this.value;
  }
}
