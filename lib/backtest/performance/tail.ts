// Distribution-shape and tail-risk kernels. NaN returns are skipped (the tail is taken over the
// observed returns). VaR and CVaR are returns, negative for a loss, at level `level`: the
// historical VaR at 0.95 is the 5th percentile of returns, as empyrical's cutoff = 1 - level.
import { normalPdf, normalQuantile } from './normal';
import { readVarLevel, rejectUnknownOptions, requireFloat64Array } from './options';
import { nanMean, nanStd, quantileSorted, sortedPresent } from './sample';

export interface VarOptions {
  /** Confidence level in (0, 1); 0.95 looks at the worst 5% of periods. */
  readonly level?: number;
}

function readLevel(options: VarOptions): number {
  rejectUnknownOptions('options', options, ['level']);
  return readVarLevel('options.level', options.level);
}

/** Historical VaR: the (1 - level) quantile of returns, numpy's linear rule (empyrical.value_at_risk). */
export function valueAtRisk(returns: Float64Array, options: VarOptions = {}): number {
  requireFloat64Array('returns', returns);
  const level = readLevel(options);
  return valueAtRiskSorted(sortedPresent(returns), level);
}

export function valueAtRiskSorted(sorted: Float64Array, level: number): number {
  return quantileSorted(sorted, 1 - level);
}

/**
 * Historical CVaR: mean of the floor((n - 1)(1 - level)) + 1 lowest returns (empyrical.
 * conditional_value_at_risk, which partitions at that index rather than interpolating).
 */
export function conditionalValueAtRisk(returns: Float64Array, options: VarOptions = {}): number {
  requireFloat64Array('returns', returns);
  const level = readLevel(options);
  return conditionalValueAtRiskSorted(sortedPresent(returns), level);
}

export function conditionalValueAtRiskSorted(sorted: Float64Array, level: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const last = Math.trunc((n - 1) * (1 - level));
  let sum = 0;
  for (let i = 0; i <= last; i++) sum += sorted[i]!;
  return sum / (last + 1);
}

/** Normal VaR: mean + sample std * Phi^-1(1 - level) (quantstats.stats.value_at_risk, sigma = 1). */
export function parametricValueAtRisk(returns: Float64Array, options: VarOptions = {}): number {
  requireFloat64Array('returns', returns);
  const level = readLevel(options);
  return nanMean(returns) + nanStd(returns) * normalQuantile(1 - level);
}

/**
 * Normal expected shortfall: mean - std * phi(Phi^-1(alpha)) / alpha, alpha = 1 - level; the mean
 * when std is 0 or undefined (quantstats.stats.conditional_value_at_risk, method='parametric').
 */
export function parametricConditionalValueAtRisk(returns: Float64Array, options: VarOptions = {}): number {
  requireFloat64Array('returns', returns);
  const level = readLevel(options);
  const mean = nanMean(returns);
  const std = nanStd(returns);
  if (std === 0 || Number.isNaN(std)) return mean;
  const alpha = 1 - level;
  return mean - (std * normalPdf(normalQuantile(alpha))) / alpha;
}

/** |95th percentile| / |5th percentile| of returns (empyrical.tail_ratio; Infinity when the 5th is 0). */
export function tailRatio(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  return tailRatioSorted(sortedPresent(returns));
}

export function tailRatioSorted(sorted: Float64Array): number {
  if (sorted.length === 0) return NaN;
  return Math.abs(quantileSorted(sorted, 0.95)) / Math.abs(quantileSorted(sorted, 0.05));
}

/** Central moment sums m2 = sum d^2, m3 = sum d^3, m4 = sum d^4 over non-NaN values. */
function momentSums(x: Float64Array): { n: number; m2: number; m3: number; m4: number } {
  const mean = nanMean(x);
  let n = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    n++;
  }
  return { n, m2, m3, m4 };
}

/**
 * Adjusted Fisher-Pearson skewness G1 = sqrt(n(n-1))/(n-2) * m3/m2^1.5 with biased moments
 * (pandas Series.skew, which quantstats.stats.skew calls); NaN below 3 values or at zero variance.
 */
export function skewness(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  const { n, m2, m3 } = momentSums(returns);
  if (n < 3 || m2 === 0) return NaN;
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
}

/**
 * Unbiased excess kurtosis G2 (pandas Series.kurt, which quantstats.stats.kurtosis calls; 0 for a
 * normal law); NaN below 4 values or at zero variance.
 */
export function excessKurtosis(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  const { n, m2, m4 } = momentSums(returns);
  if (n < 4 || m2 === 0) return NaN;
  const numerator = n * (n + 1) * (n - 1) * m4;
  const denominator = (n - 2) * (n - 3) * m2 * m2;
  return numerator / denominator - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
}
