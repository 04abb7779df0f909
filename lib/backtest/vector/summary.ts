// Portfolio statistics accumulated bar by bar, so a sweep over thousands of parameter sets never
// holds an equity curve: the mean/variance of per-bar returns (for Sharpe), the running peak
// (for the drawdown) and a count of exposed bars. Definitions follow lib/backtest/metrics.ts
// (empyrical): returns r_t = V_t / V_{t-1} - 1 with V_{-1} = initial cash, sample std (ddof 1),
// Sharpe = mean / std x sqrt(periodsPerYear), drawdown from a peak that starts at the initial cash.
import type { PortfolioSummary } from './types';

export class StreamingStats {
  private previous = 0;
  private peak = 0;
  private count = 0;
  // Sums of (r - shift) and its square, shift = the first return: a shifted one-pass variance, exact
  // enough for returns (|mean| << std) and without Welford's division per bar.
  private shift = 0;
  private sum = 0;
  private sumSq = 0;
  private allEqual = true;
  private worst = 0;
  private exposed = 0;

  reset(initialValue: number): void {
    this.previous = initialValue;
    this.peak = initialValue;
    this.count = 0;
    this.shift = 0;
    this.sum = 0;
    this.sumSq = 0;
    this.allEqual = true;
    this.worst = 0;
    this.exposed = 0;
  }

  update(value: number, exposed: boolean): void {
    const previous = this.previous;
    // A flat bar (value unchanged) has return 0 exactly: no division needed.
    const r = value === previous ? 0 : value / previous - 1;
    this.previous = value;
    if (this.count++ === 0) this.shift = r;
    else if (r !== this.shift) {
      this.allEqual = false;
      const d = r - this.shift;
      this.sum += d;
      this.sumSq += d * d;
    }
    if (value > this.peak) this.peak = value;
    else if (value < this.peak * (1 + this.worst)) {
      // Only a value below the deepest trough so far can set a new one: the division is rare.
      const drawdown = value / this.peak - 1;
      if (drawdown < this.worst) this.worst = drawdown;
    }
    if (exposed) this.exposed++;
  }

  /** Writes row `row` of `out`; trade/order counts are filled by the caller. */
  write(out: PortfolioSummary, row: number, initialValue: number, periodsPerYear: number): void {
    const finalValue = this.previous;
    const n = this.count;
    out.finalValue[row] = finalValue;
    out.totalReturn[row] = finalValue / initialValue - 1;
    const mean = this.shift + this.sum / n;
    // Identical returns have zero dispersion exactly (empyrical's _zero_dispersion_std), not a rounding residue.
    const variance = n < 2 ? NaN : this.allEqual ? 0 : Math.max(this.sumSq - (this.sum * this.sum) / n, 0) / (n - 1);
    out.sharpe[row] = (mean / Math.sqrt(variance)) * Math.sqrt(periodsPerYear);
    out.maxDrawdown[row] = this.worst;
    out.exposure[row] = n === 0 ? NaN : this.exposed / n;
  }
}

export function createSummary(rows: number): PortfolioSummary {
  return {
    finalValue: new Float64Array(rows),
    totalReturn: new Float64Array(rows),
    sharpe: new Float64Array(rows),
    maxDrawdown: new Float64Array(rows),
    trades: new Float64Array(rows),
    winRate: new Float64Array(rows),
    exposure: new Float64Array(rows),
    orders: new Float64Array(rows),
  };
}
