// Defaults and option checks shared by the metric kernels and backtestMetrics. Every rate is per
// period (per bar): a 2% a year risk-free rate on daily bars is 0.02 / 252, as in empyrical.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions, requireFloat64Array } from '../validate';

export const DEFAULT_PERIODS_PER_YEAR = 252;
export const DEFAULT_RISK_FREE = 0;
/** Confidence level of VaR / CVaR: the loss not exceeded on 95% of periods. */
export const DEFAULT_VAR_LEVEL = 0.95;
/** Strategy variants tried before this one; 1 means no selection, so DSR equals PSR against 0. */
export const DEFAULT_TRIALS = 1;

export { rejectUnknownOptions, requireFloat64Array };

export function readPeriodsPerYear(argument: string, value: number | undefined): number {
  const p = value ?? DEFAULT_PERIODS_PER_YEAR;
  if (typeof p !== 'number' || !(Number.isFinite(p) && p > 0)) {
    throw new InvalidArgumentError(argument, p, 'must be a positive number', 'pass 252 for daily bars, 52 weekly, 12 monthly');
  }
  return p;
}

export function readRate(argument: string, value: number | undefined, fallback: number): number {
  const r = value ?? fallback;
  if (typeof r !== 'number' || !Number.isFinite(r)) {
    throw new InvalidArgumentError(argument, r, 'must be a finite per-period return', 'pass e.g. 0.02 / 252 for 2% a year on daily bars');
  }
  return r;
}

export function readVarLevel(argument: string, value: number | undefined): number {
  const level = value ?? DEFAULT_VAR_LEVEL;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new InvalidArgumentError(argument, level, 'must lie strictly between 0 and 1', 'pass a confidence level such as 0.95 or 0.99 (not a percentage)');
  }
  return level;
}

export function readTrials(argument: string, value: number | undefined): number {
  const trials = value ?? DEFAULT_TRIALS;
  if (typeof trials !== 'number' || !Number.isInteger(trials) || trials < 1) {
    throw new InvalidArgumentError(argument, trials, 'must be an integer >= 1', 'pass the number of strategy variants tried (1 when this is the only one)');
  }
  return trials;
}

/** Rejects ±Infinity: a return of Infinity means a zero price upstream, and it would poison every sum. */
export function requireNoInfinity(argument: string, x: Float64Array, fix: string): void {
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (v === Infinity || v === -Infinity) throw new InvalidArgumentError(`${argument}[${t}]`, v, 'is infinite', fix);
  }
}
