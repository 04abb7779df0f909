// The statistics Monte Carlo resampling reports, computed in one pass over a sample and defined as
// performanceMetrics defines them (empyrical's), so a resampled distribution and the backtest's
// own numbers are comparable: compounding from equity 1, Sharpe on the sample std (n - 1).

export type MonteCarloStatistic = 'sharpe' | 'maxDrawdown' | 'finalEquity' | 'annualReturn';
export const MONTE_CARLO_STATISTICS: readonly MonteCarloStatistic[] = ['sharpe', 'maxDrawdown', 'finalEquity', 'annualReturn'];

export interface SampleStatistics {
  sharpe: number;
  maxDrawdown: number;
  finalEquity: number;
  annualReturn: number;
}

/** All four statistics of returns (no NaN) into `out`. */
export function sampleStatistics(returns: Float64Array, periodsPerYear: number, riskFree: number, out: SampleStatistics): SampleStatistics {
  const n = returns.length;
  let equity = 1, peak = 1, maxDrawdown = 0, sum = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    sum += r - riskFree;
    equity *= 1 + r;
    if (equity > peak) peak = equity;
    else if ((equity - peak) / peak < maxDrawdown) maxDrawdown = (equity - peak) / peak;
  }
  const mean = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (returns[t]! - riskFree - mean) ** 2;
  const std = n < 2 ? NaN : Math.sqrt(squares / (n - 1));
  out.sharpe = std > 0 ? (mean / std) * Math.sqrt(periodsPerYear) : NaN;
  out.maxDrawdown = maxDrawdown;
  out.finalEquity = equity;
  out.annualReturn = equity ** (periodsPerYear / n) - 1;
  return out;
}

/** numpy's default (linear, 'type 7') quantile of ascending-sorted values; NaN when empty. */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
