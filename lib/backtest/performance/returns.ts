// Return and risk-adjusted-return kernels over per-period simple returns, defined as empyrical
// 0.7.1 (empyrical-reloaded) defines them. NaN returns (bars without an observation):
//   - compounding (totalReturn, annualReturn) treats NaN as a 0 return, and the bar still counts
//     towards the number of years;
//   - moments and ratios (volatility, Sharpe, Sortino, downside risk, omega, stability) skip NaN.
// Too few returns give NaN, never a number that looks meaningful.
import { InvalidArgumentError } from '../../util/errors';
import { DEFAULT_RISK_FREE, readPeriodsPerYear, readRate, rejectUnknownOptions, requireFloat64Array } from './options';
import { allEqual, nanMean, nanStd, presentValues } from './sample';

export interface AnnualisationOptions {
  /** Bars per year used to annualise (252 for daily bars). */
  readonly periodsPerYear?: number;
}

export interface SharpeOptions extends AnnualisationOptions {
  /** Risk-free return per period, subtracted from every return. */
  readonly riskFree?: number;
}

export interface SortinoOptions extends AnnualisationOptions {
  /** Minimum acceptable return per period: returns below it count as downside. */
  readonly requiredReturn?: number;
}

export interface OmegaOptions {
  /** Per-period return separating gains from losses (empyrical's risk_free + return_threshold). */
  readonly threshold?: number;
}

/** How stability is scored: empyrical's R^2, or R^2 carrying the slope's sign so a steady loser scores < 0. */
export type StabilityMethod = 'rSquared' | 'signedRSquared';
export const DEFAULT_STABILITY_METHOD: StabilityMethod = 'rSquared';

export interface StabilityOptions {
  readonly method?: StabilityMethod;
}

/** Compounded return over the whole series, NaN as 0 (empyrical.cum_returns_final). */
export function totalReturn(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  if (returns.length === 0) return NaN;
  let growth = 1;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r === r) growth *= 1 + r;
  }
  return growth - 1;
}

/** Compound annual growth rate over length / periodsPerYear years (empyrical.annual_return). */
export function annualReturn(returns: Float64Array, options: AnnualisationOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear']);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  if (returns.length === 0) return NaN;
  const years = returns.length / periodsPerYear;
  return (1 + totalReturn(returns)) ** (1 / years) - 1;
}

/** Sample standard deviation times sqrt(periodsPerYear) (empyrical.annual_volatility). */
export function annualVolatility(returns: Float64Array, options: AnnualisationOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  if (returns.length < 2) return NaN;
  return nanStd(returns) * Math.sqrt(periodsPerYear);
}

/** Annualised mean excess return over its sample standard deviation (empyrical.sharpe_ratio). */
export function sharpeRatio(returns: Float64Array, options: SharpeOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'riskFree']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const riskFree = readRate('options.riskFree', options.riskFree, DEFAULT_RISK_FREE);
  if (returns.length < 2) return NaN;
  return periodSharpe(returns, riskFree) * Math.sqrt(periodsPerYear);
}

/** Per-period (not annualised) Sharpe ratio: the statistic the PSR/DSR formulas take. */
export function periodSharpe(returns: Float64Array, riskFree: number): number {
  let std = nanStd(returns, riskFree);
  if (Number.isFinite(std) && allEqual(returns)) std = 0;
  return nanMean(returns, riskFree) / std;
}

/** Root mean square of min(r - requiredReturn, 0), annualised (empyrical.downside_risk). */
export function downsideRisk(returns: Float64Array, options: SortinoOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'requiredReturn']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const required = readRate('options.requiredReturn', options.requiredReturn, DEFAULT_RISK_FREE);
  if (returns.length === 0) return NaN;
  let squares = 0;
  let count = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r !== r) continue;
    const shortfall = Math.min(r - required, 0);
    squares += shortfall * shortfall;
    count++;
  }
  return Math.sqrt(squares / count) * Math.sqrt(periodsPerYear);
}

/** Annualised mean excess over the required return divided by downside risk (empyrical.sortino_ratio). */
export function sortinoRatio(returns: Float64Array, options: SortinoOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'requiredReturn']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const required = readRate('options.requiredReturn', options.requiredReturn, DEFAULT_RISK_FREE);
  if (returns.length < 2) return NaN;
  return (nanMean(returns, required) * periodsPerYear) / downsideRisk(returns, { periodsPerYear, requiredReturn: required });
}

/** Sum of gains above the threshold over the sum of losses below it; NaN without losses (empyrical.omega_ratio). */
export function omegaRatio(returns: Float64Array, options: OmegaOptions = {}): number {
  rejectUnknownOptions('options', options, ['threshold']);
  requireFloat64Array('returns', returns);
  const threshold = readRate('options.threshold', options.threshold, DEFAULT_RISK_FREE);
  if (returns.length < 2) return NaN;
  let gains = 0;
  let losses = 0;
  for (let t = 0; t < returns.length; t++) {
    const excess = returns[t]! - threshold;
    if (excess > 0) gains += excess;
    else if (excess < 0) losses -= excess;
  }
  return losses > 0 ? gains / losses : NaN;
}

/**
 * R^2 of a straight line fitted to the cumulative log returns against bar number, NaN bars dropped
 * (empyrical.stability_of_timeseries, which calls scipy.stats.linregress); 'signedRSquared' multiplies
 * by the sign of the slope.
 */
export function stabilityOfTimeseries(returns: Float64Array, options: StabilityOptions = {}): number {
  rejectUnknownOptions('options', options, ['method']);
  requireFloat64Array('returns', returns);
  const method = options.method ?? DEFAULT_STABILITY_METHOD;
  if (method !== 'rSquared' && method !== 'signedRSquared') {
    throw new InvalidArgumentError('options.method', method, 'is not a stability method', "pass 'rSquared' (empyrical) or 'signedRSquared'");
  }
  if (returns.length < 2) return NaN;
  const present = presentValues(returns);
  const m = present.length;
  if (m === 0) return NaN;
  const y = new Float64Array(m);
  let cum = 0;
  let ySum = 0;
  for (let i = 0; i < m; i++) {
    cum += Math.log1p(present[i]!);
    y[i] = cum;
    ySum += cum;
  }
  const xMean = (m - 1) / 2;
  const yMean = ySum / m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const dx = i - xMean;
    const dy = y[i]! - yMean;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  // scipy.stats.linregress: a zero denominator gives r = 0, or NaN when the covariance is 0 too.
  let r: number;
  if (sxx === 0 || syy === 0) r = sxy === 0 ? NaN : 0;
  else r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const r2 = r * r;
  return method === 'signedRSquared' && sxy < 0 ? -r2 : r2;
}
