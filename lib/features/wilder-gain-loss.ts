// Wilder-smoothed average gain and loss of a price series with TA-Lib's operation order, the one
// recursion behind TA-Lib's CMO and the RSI that STOCHRSI reads: plain means of the first `period`
// changes, then avg = (avg * (period - 1) + change) / period. TA-Lib's CMO divides by period where
// its RSI multiplies by 1 / period, which rounds differently; `byInverse` picks which. A missing
// price restarts the recursion, as on a series that starts after the gap. RsiState (rsi.ts) keeps
// its own copy on purpose: where a change is NaN (two equal infinite prices) it adds 0, this adds NaN.
import { checkWindow } from './check';

export class WilderGainLoss {
  /** Average gain and loss (positive) after the last update that returned true. */
  gain = 0;
  loss = 0;
  private run = 0;
  private last = Number.NaN;
  private readonly inverse: number;
  constructor(readonly period: number, private readonly byInverse: boolean) {
    checkWindow('period', period, 2);
    this.inverse = 1 / period;
  }
  /** Adds price x; true when `gain` and `loss` hold the averages at x (from the period-th change on). */
  update(x: number): boolean {
    if (x !== x) { this.run = 0; this.gain = 0; this.loss = 0; return false; }
    const p = this.period;
    const prev = this.last;
    this.last = x;
    const run = this.run++;
    if (run === 0) return false;
    const diff = x - prev;
    // Multiply, add, then scale: TA-Lib's operation order, so the rounding agrees.
    if (run > p) { this.loss *= p - 1; this.gain *= p - 1; }
    if (diff < 0) this.loss -= diff; else this.gain += diff;
    if (run < p) return false;
    if (this.byInverse) {
      this.loss *= this.inverse;
      this.gain *= this.inverse;
    } else {
      this.loss /= p;
      this.gain /= p;
    }
    return true;
  }
}
