// Rolling standard deviation over `window` bars, NaN during the warm-up and for any window that
// holds a missing value. Each window is computed by two passes (mean, then squared deviations):
// exact to rounding, where the running sum-of-squares shortcut loses digits when the mean is large
// relative to the spread (prices), at O(n * window) cost that is negligible for daily data.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkSeries, checkWindow, nanArray } from './check';

export const DEFAULT_DDOF = 1;

export interface RollingStdOptions {
  /** Delta degrees of freedom: divisor is window - ddof. 1 (sample, pandas) or 0 (population, TA-Lib STDDEV). */
  readonly ddof?: 0 | 1;
  /** Periods per year (252 for daily bars): the result is multiplied by sqrt(annualize). */
  readonly annualize?: number;
}

export function rollingStd(x: Float64Array, window: number, options: RollingStdOptions = {}): Float64Array {
  checkSeries('x', x);
  rejectUnknownOptions('options', options, ['ddof', 'annualize']);
  const ddof = options.ddof ?? DEFAULT_DDOF;
  if (ddof !== 0 && ddof !== 1) {
    throw new InvalidArgumentError('options.ddof', ddof, 'must be 0 or 1', 'use 1 for the sample standard deviation, 0 for the population one');
  }
  checkWindow('window', window, ddof + 1);
  const annualize = options.annualize;
  if (annualize !== undefined && !(typeof annualize === 'number' && Number.isFinite(annualize) && annualize > 0)) {
    throw new InvalidArgumentError('options.annualize', annualize, 'must be a positive number of periods per year', 'pass 252 for daily bars, or leave it out');
  }
  const scale = annualize === undefined ? 1 : Math.sqrt(annualize);
  const out = nanArray(x.length);
  let missing = 0;
  for (let t = 0; t < x.length; t++) {
    if (!Number.isFinite(x[t]!)) missing++;
    if (t >= window && !Number.isFinite(x[t - window]!)) missing--;
    if (t < window - 1 || missing > 0) continue;
    let sum = 0;
    for (let i = t - window + 1; i <= t; i++) sum += x[i]!;
    const mean = sum / window;
    let ss = 0;
    for (let i = t - window + 1; i <= t; i++) ss += (x[i]! - mean) ** 2;
    out[t] = Math.sqrt(ss / (window - ddof)) * scale;
  }
  return out;
}
