// Rolling mean and population variance (ddof 0) in O(1) amortised per value, accurate to
// rounding for prices. A plain running sum of x and x^2 takes E[x^2] - E[x]^2, which cancels the
// price level: with a mean of 2,000 and a spread of 1 about log10(2000^2 / 1) = 6.6 of the 16
// digits are lost. Here the sums are of d = x - K for an anchor K near the window's mean (the
// shifted-data method), so the subtraction cancels only the window's own spread. Two checks keep
// the result within ~1e-13 of the exact variance: the window is re-summed exactly around its
// current mean when the mean has drifted more than 4 standard deviations from K, or when the
// rounding the running updates may have accumulated (~eps * sum of d^2 since the last re-sum)
// could exceed ~2e-13 of the variance (a calm window after a volatile one).
import { checkWindow } from './check';

/** Re-sum when (mean - K)^2 exceeds this many variances. */
const MAX_OFFSET_RATIO = 16;
/** Re-sum when the squared deviations added or removed since the last re-sum exceed this many window variances. */
const MAX_ROUNDING_RATIO = 1000;

export class RollingMoments {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0; // finite values since the last gap, capped at window
  // Number fields start as NaN so V8 keeps them as doubles from the first object on.
  private anchor = Number.NaN;
  private s1 = Number.NaN; // sum of (x - anchor)
  private s2 = Number.NaN; // sum of (x - anchor)^2
  private churn = Number.NaN; // sum of the squared deviations added or removed since the last exact re-sum
  mean = Number.NaN;
  /** Population variance of the window (divisor `window`), never negative. */
  variance = Number.NaN;

  constructor(readonly window: number) {
    checkWindow('window', window);
    this.ring = new Float64Array(window);
  }

  /**
   * Adds x; returns true once the last `window` values are all finite, and sets mean and variance
   * (NaN otherwise). A missing value (NaN) empties the window.
   */
  update(x: number): boolean {
    // Kept short so V8 inlines it into kernel loops; filling and gaps take the out-of-line path.
    if (this.run < this.window || x !== x) return this.fill(x);
    const slot = this.next;
    this.next = slot + 1 === this.window ? 0 : slot + 1;
    const d = x - this.anchor;
    const o = this.ring[slot]! - this.anchor;
    this.ring[slot] = x;
    this.s1 += d - o;
    this.s2 += (d - o) * (d + o);
    this.churn += d * d + o * o;
    this.settle();
    return true;
  }

  private fill(x: number): boolean {
    this.mean = Number.NaN;
    this.variance = Number.NaN;
    if (x !== x) { this.run = 0; return false; }
    const slot = this.next;
    this.next = slot + 1 === this.window ? 0 : slot + 1;
    if (this.run === 0) { this.anchor = x; this.s1 = 0; this.s2 = 0; this.churn = 0; }
    const d = x - this.anchor;
    this.ring[slot] = x;
    this.s1 += d;
    this.s2 += d * d;
    this.churn += d * d;
    if (++this.run < this.window) return false;
    this.settle();
    return true;
  }

  /** Mean and variance from the sums, re-summed exactly first when they may have lost accuracy. */
  private settle(): void {
    const n = this.window;
    let m = this.s1 / n;
    let v = this.s2 / n - m * m;
    if (m * m > MAX_OFFSET_RATIO * v || this.churn > MAX_ROUNDING_RATIO * n * v) {
      this.resum(this.anchor + m);
      m = this.s1 / n;
      v = this.s2 / n - m * m;
    }
    this.mean = this.anchor + m;
    this.variance = v > 0 ? v : 0;
  }

  /** Exact sums of the window around a new anchor k. */
  private resum(k: number): void {
    const ring = this.ring;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < ring.length; i++) {
      const d = ring[i]! - k;
      s1 += d;
      s2 += d * d;
    }
    this.anchor = k; this.s1 = s1; this.s2 = s2; this.churn = 0;
  }
}
