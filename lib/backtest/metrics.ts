// Performance statistics of a per-period return series, defined exactly as empyrical 0.7.1 defines
// them (cum_returns_final, annual_return, annual_volatility, sharpe_ratio, sortino_ratio,
// max_drawdown, calmar_ratio), so numbers agree with the Python tools researchers already trust.
//
// NaN returns (a bar with no observation) follow empyrical too:
//   - compounding (totalReturn, annualReturn, maxDrawdown, calmar) treats NaN as a 0 return, and
//     the bar still counts towards the number of years;
//   - moment statistics (annualVolatility, sharpe, sortino) skip NaN bars.
// Fewer than 2 returns give NaN for volatility, sharpe and sortino; no drawdown gives calmar NaN.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions, requireFloat64Array } from './validate';

export const DEFAULT_PERIODS_PER_YEAR = 252;
export const DEFAULT_RISK_FREE = 0;

export interface MetricsOptions {
  /** Bars per year used to annualise (252 for daily bars). */
  readonly periodsPerYear?: number;
  /** Risk-free return per period: Sharpe's risk-free rate and Sortino's required return. */
  readonly riskFree?: number;
}

export interface PerformanceMetrics {
  readonly totalReturn: number;
  /** Compound annual growth rate. */
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  /** Deepest peak-to-trough loss of the equity curve (starting at 1), as a negative fraction. */
  readonly maxDrawdown: number;
  /** Longest run of consecutive bars spent below the previous equity peak. */
  readonly maxDrawdownDuration: number;
  readonly calmar: number;
}

export function performanceMetrics(returns: Float64Array, options: MetricsOptions = {}): PerformanceMetrics {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'riskFree']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = options.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  const riskFree = options.riskFree ?? DEFAULT_RISK_FREE;
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new InvalidArgumentError('options.periodsPerYear', periodsPerYear, 'must be a positive number', 'pass 252 for daily bars, 52 weekly, 12 monthly');
  }
  if (!Number.isFinite(riskFree)) {
    throw new InvalidArgumentError('options.riskFree', riskFree, 'must be a finite per-period return', 'pass e.g. 0.02 / 252 for 2% a year on daily bars');
  }
  if (returns.length === 0) {
    throw new InvalidArgumentError('returns', returns, 'is empty', 'pass at least one period return');
  }
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r === Infinity || r === -Infinity) {
      throw new InvalidArgumentError(`returns[${t}]`, r, 'is infinite', 'check the price series for a zero price');
    }
  }

  const totalReturn = compoundedGrowth(returns) - 1;
  const years = returns.length / periodsPerYear;
  const annualReturn = (1 + totalReturn) ** (1 / years) - 1;
  const { maxDrawdown, maxDrawdownDuration } = drawdown(returns);
  const calmarRaw = maxDrawdown < 0 ? annualReturn / Math.abs(maxDrawdown) : NaN;
  return {
    totalReturn,
    annualReturn,
    annualVolatility: returns.length < 2 ? NaN : sampleStd(returns, 0) * Math.sqrt(periodsPerYear),
    sharpe: returns.length < 2 ? NaN : sharpeRatio(returns, riskFree, periodsPerYear),
    sortino: returns.length < 2 ? NaN : sortinoRatio(returns, riskFree, periodsPerYear),
    maxDrawdown,
    maxDrawdownDuration,
    calmar: Number.isFinite(calmarRaw) ? calmarRaw : NaN,
  };
}

function compoundedGrowth(returns: Float64Array): number {
  let growth = 1;
  for (const r of returns) if (!Number.isNaN(r)) growth *= 1 + r;
  return growth;
}

/** Mean of (r - shift) over non-NaN bars; NaN when there are none. */
function nanMean(returns: Float64Array, shift: number): number {
  let sum = 0;
  let count = 0;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    sum += r - shift;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** Sample (ddof = 1) standard deviation of (r - shift) over non-NaN bars, two-pass like numpy. */
function sampleStd(returns: Float64Array, shift: number): number {
  const mean = nanMean(returns, shift);
  let squares = 0;
  let count = 0;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    const d = r - shift - mean;
    squares += d * d;
    count++;
  }
  return count < 2 ? NaN : Math.sqrt(squares / (count - 1));
}

function sharpeRatio(returns: Float64Array, riskFree: number, periodsPerYear: number): number {
  let std = sampleStd(returns, riskFree);
  // Identical returns have zero dispersion exactly; rounding in the mean would otherwise leave a
  // ~1e-18 residue and a meaningless ratio near 1e15 (empyrical's _zero_dispersion_std).
  if (Number.isFinite(std) && allEqual(returns)) std = 0;
  return (nanMean(returns, riskFree) / std) * Math.sqrt(periodsPerYear);
}

function sortinoRatio(returns: Float64Array, requiredReturn: number, periodsPerYear: number): number {
  let squares = 0;
  let count = 0;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    const shortfall = Math.min(r - requiredReturn, 0);
    squares += shortfall * shortfall;
    count++;
  }
  const downsideRisk = Math.sqrt(squares / count) * Math.sqrt(periodsPerYear);
  return (nanMean(returns, requiredReturn) * periodsPerYear) / downsideRisk;
}

function allEqual(returns: Float64Array): boolean {
  let first = NaN;
  for (const r of returns) {
    if (Number.isNaN(r)) continue;
    if (Number.isNaN(first)) first = r;
    else if (r !== first) return false;
  }
  return true;
}

/** Drawdowns of the equity curve anchored at 1 before the first return, so a first loss counts. */
function drawdown(returns: Float64Array): { maxDrawdown: number; maxDrawdownDuration: number } {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let run = 0;
  let longest = 0;
  for (const r of returns) {
    if (!Number.isNaN(r)) equity *= 1 + r;
    if (equity >= peak) {
      peak = equity;
      run = 0;
      continue;
    }
    run++;
    if (run > longest) longest = run;
    const dd = (equity - peak) / peak;
    if (dd < maxDrawdown) maxDrawdown = dd;
  }
  return { maxDrawdown, maxDrawdownDuration: longest };
}
