// Rolling sum with Neumaier compensation. A plain running sum keeps the rounding of every value
// that ever passed through it: after a volatile stretch, a window of zeros (a bar with no range,
// days of no volume) reads as 1e-19 instead of 0, and the square root of a variance turns that
// into 3e-10. Carrying the rounding in a second term (as pandas' rolling sum and mean do, with
// Kahan) keeps the error at the window's own scale.

/**
 * Sum of the last `window` values, O(1) per update; NaN while fewer than `window` values have
 * been seen or while a missing value (NaN) is in the window. Same contract as window.ts RollingSum.
 */
export class CompensatedRollingSum {
  private readonly ring: Float64Array;
  private next = 0;
  private seen = 0;
  private missing = 0;
  private sum = 0;
  private carry = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }

  update(x: number): number {
    const old = this.ring[this.next]!;
    if (this.seen >= this.window) {
      if (old === old) this.add(-old); else this.missing--;
    } else {
      this.seen++;
    }
    this.ring[this.next] = x;
    this.next = this.next + 1 === this.window ? 0 : this.next + 1;
    if (x === x) this.add(x); else this.missing++;
    return this.seen === this.window && this.missing === 0 ? this.sum + this.carry : Number.NaN;
  }

  private add(x: number): void {
    const t = this.sum + x;
    this.carry += Math.abs(this.sum) >= Math.abs(x) ? (this.sum - t) + x : (x - t) + this.sum;
    this.sum = t;
  }
}
