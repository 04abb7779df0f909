// Drawdown kernels. The equity curve starts at 1 before the first return, so a first-bar loss is
// a drawdown (empyrical anchors at 100, quantstats adds a phantom baseline of 1: the same thing).
// NaN returns leave equity unchanged (a 0 return), as both tools do when they compound.
import { readPeriodsPerYear, rejectUnknownOptions, requireFloat64Array } from './options';
import { annualReturn, type AnnualisationOptions } from './returns';

export interface DrawdownSummary {
  /** Deepest peak-to-trough loss, as a negative fraction (0 without a drawdown). */
  readonly maxDrawdown: number;
  /** Longest run of consecutive bars below the previous equity peak. */
  readonly maxDrawdownDuration: number;
  /** Sum over bars of the squared drawdown fraction: the Ulcer index's numerator. */
  readonly sumSquaredDrawdown: number;
}

/** One pass over the equity curve: depth, longest duration and the Ulcer numerator. */
export function drawdownSummary(returns: Float64Array): DrawdownSummary {
  requireFloat64Array('returns', returns);
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let run = 0;
  let longest = 0;
  let sumSquared = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r === r) equity *= 1 + r;
    if (equity >= peak) {
      peak = equity;
      run = 0;
      continue;
    }
    run++;
    if (run > longest) longest = run;
    const dd = (equity - peak) / peak;
    sumSquared += dd * dd;
    if (dd < maxDrawdown) maxDrawdown = dd;
  }
  return { maxDrawdown, maxDrawdownDuration: longest, sumSquaredDrawdown: sumSquared };
}

/** Deepest peak-to-trough loss of the equity curve, negative (empyrical.max_drawdown); NaN when empty. */
export function maxDrawdown(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  return returns.length === 0 ? NaN : drawdownSummary(returns).maxDrawdown;
}

/** Longest run of bars spent below the previous equity peak (0 without a drawdown). */
export function maxDrawdownDuration(returns: Float64Array): number {
  return drawdownSummary(returns).maxDrawdownDuration;
}

/** sqrt(sum of squared drawdowns / (n - 1)), n counting NaN bars too (quantstats.stats.ulcer_index). */
export function ulcerIndex(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  return ulcerFromSummary(drawdownSummary(returns), returns.length);
}

export function ulcerFromSummary(summary: DrawdownSummary, n: number): number {
  return n < 2 ? NaN : Math.sqrt(summary.sumSquaredDrawdown / (n - 1));
}

/** Annual return over |max drawdown|; NaN without a drawdown or when infinite (empyrical.calmar_ratio). */
export function calmarRatio(returns: Float64Array, options: AnnualisationOptions = {}): number {
  rejectUnknownOptions('options', options, ['periodsPerYear']);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  return calmarFrom(annualReturn(returns, { periodsPerYear }), maxDrawdown(returns));
}

export function calmarFrom(annual: number, maxDd: number): number {
  if (!(maxDd < 0)) return NaN;
  const ratio = annual / Math.abs(maxDd);
  return Number.isFinite(ratio) ? ratio : NaN;
}

/**
 * |sum of returns| / |max drawdown|; NaN without a drawdown (quantstats.stats.recovery_factor).
 * quantstats adds the returns (not compounds them) and takes the absolute value, so a losing
 * strategy also scores > 0: read it together with totalReturn.
 */
export function recoveryFactor(returns: Float64Array): number {
  requireFloat64Array('returns', returns);
  return recoveryFrom(returns, maxDrawdown(returns));
}

export function recoveryFrom(returns: Float64Array, maxDd: number): number {
  if (maxDd === 0 || Number.isNaN(maxDd)) return NaN;
  let sum = 0;
  for (let t = 0; t < returns.length; t++) if (returns[t] === returns[t]) sum += returns[t]!;
  return Math.abs(sum) / Math.abs(maxDd);
}
