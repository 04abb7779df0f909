// Statistics against a benchmark's per-period returns, aligned bar by bar with the strategy's.
// A bar where either series is NaN is left out of every sum (empyrical aligns the same way).
import { InvalidArgumentError } from '../../util/errors';
import { DEFAULT_RISK_FREE, readPeriodsPerYear, readRate, rejectUnknownOptions, requireFloat64Array } from './options';
import type { AnnualisationOptions, SharpeOptions } from './returns';
import { allEqual, nanMean, nanStd } from './sample';

function requireAligned(returns: Float64Array, benchmark: Float64Array): void {
  requireFloat64Array('returns', returns);
  requireFloat64Array('benchmark', benchmark);
  if (benchmark.length !== returns.length) {
    throw new InvalidArgumentError('benchmark', benchmark, `has length ${benchmark.length} but returns has length ${returns.length}`, 'pass one benchmark return per bar, aligned with returns (NaN where it has none)');
  }
}

/** Cov(r, b) / Var(b) over bars where both are present; NaN when Var(b) < 1e-30 (empyrical.beta). */
export function beta(returns: Float64Array, benchmark: Float64Array): number {
  requireAligned(returns, benchmark);
  return betaAligned(returns, benchmark);
}

function betaAligned(returns: Float64Array, benchmark: Float64Array): number {
  const n = returns.length;
  if (n < 2) return NaN;
  let bSum = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    const b = benchmark[t]!;
    if (r !== r || b !== b) continue;
    bSum += b;
    count++;
  }
  if (count === 0) return NaN;
  const bMean = bSum / count;
  // Centring one side is enough: mean((b - mean b) * r) is the covariance (empyrical's note).
  let cov = 0;
  let variance = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    const b = benchmark[t]!;
    if (r !== r || b !== b) continue;
    const d = b - bMean;
    cov += d * r;
    variance += d * d;
  }
  variance /= count;
  if (variance < 1e-30) return NaN;
  return cov / count / variance;
}

/** Annualised Jensen alpha: (1 + mean((r - rf) - beta (b - rf)))^periodsPerYear - 1 (empyrical.alpha). */
export function alpha(returns: Float64Array, benchmark: Float64Array, options: SharpeOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'riskFree']);
  requireAligned(returns, benchmark);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const riskFree = readRate('options.riskFree', options.riskFree, DEFAULT_RISK_FREE);
  return alphaGivenBeta(returns, benchmark, betaAligned(returns, benchmark), riskFree, periodsPerYear);
}

export function alphaGivenBeta(returns: Float64Array, benchmark: Float64Array, b: number, riskFree: number, periodsPerYear: number): number {
  if (returns.length < 2) return NaN;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < returns.length; t++) {
    const a = returns[t]! - riskFree - b * (benchmark[t]! - riskFree);
    if (a !== a) continue;
    sum += a;
    count++;
  }
  return count === 0 ? NaN : (1 + sum / count) ** periodsPerYear - 1;
}

/** r - b per bar, NaN where either is NaN. */
export function activeReturns(returns: Float64Array, benchmark: Float64Array): Float64Array {
  requireAligned(returns, benchmark);
  const active = new Float64Array(returns.length);
  for (let t = 0; t < returns.length; t++) active[t] = returns[t]! - benchmark[t]!;
  return active;
}

/** Zero-dispersion-aware sample std of the active returns. */
function activeStd(active: Float64Array): number {
  const std = nanStd(active);
  return Number.isFinite(std) && allEqual(active) ? 0 : std;
}

/**
 * Mean active return over its sample standard deviation, per period, not annualised
 * (empyrical.excess_sharpe = quantstats.stats.information_ratio = vectorbt's information_ratio;
 * quantstats returns 0 where the deviation is 0, this returns +-Infinity or NaN). Multiply by
 * sqrt(periodsPerYear) for the annualised figure.
 */
export function informationRatio(returns: Float64Array, benchmark: Float64Array): number {
  const active = activeReturns(returns, benchmark);
  if (active.length < 2) return NaN;
  return informationRatioOfActive(active);
}

export function informationRatioOfActive(active: Float64Array): number {
  return nanMean(active) / activeStd(active);
}

/** Sample standard deviation of the active returns, annualised like annual_volatility. */
export function trackingError(returns: Float64Array, benchmark: Float64Array, options: AnnualisationOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear']);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const active = activeReturns(returns, benchmark);
  if (active.length < 2) return NaN;
  return trackingErrorOfActive(active, periodsPerYear);
}

export function trackingErrorOfActive(active: Float64Array, periodsPerYear: number): number {
  return activeStd(active) * Math.sqrt(periodsPerYear);
}
