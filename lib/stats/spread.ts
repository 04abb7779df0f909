// Spread of a hedged pair and its z-score against a rolling (or expanding) mean and standard
// deviation. The z-score at t uses bars up to and including t only (no look-ahead). O(n): Welford
// add/remove updates, recomputed exactly once every `window` bars so rounding cannot accumulate.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkBoolean, checkNumber, checkPair, checkSeries, checkWindow } from './pairs-validate';

export const DEFAULT_ZSCORE_DDOF = 1;
export const DEFAULT_ZSCORE_EXPANDING = false;

export interface SpreadZScoreOptions {
  /** Rolling window length; with `expanding`, the bars needed before the first z-score. */
  readonly window: number;
  /** Use every bar up to t instead of the last `window` (default false). */
  readonly expanding?: boolean;
  /** Delta degrees of freedom of the standard deviation, 0 or 1 (default 1, as pandas). */
  readonly ddof?: 0 | 1;
}

export interface SpreadZScore {
  /** (spread[t] - mean[t]) / std[t]; NaN before the first full window and where std is 0. */
  readonly zScore: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** y - beta x - alpha, with a fixed or per-bar (e.g. rolling / Kalman) hedge ratio. */
export function hedgeSpread(x: Float64Array, y: Float64Array, beta: number | Float64Array, alpha: number | Float64Array = 0): Float64Array {
  checkPair(x, y, 1, 'at least one bar');
  const n = x.length;
  for (const [name, v] of [['beta', beta], ['alpha', alpha]] as const) {
    if (typeof v === 'number') checkNumber(name, v, () => true, 'a finite number or a Float64Array', 'pass the hedge ratio');
    else checkSeries(name, v, n, 'one value per bar', true);
    if (typeof v !== 'number' && v.length !== n) {
      throw new InvalidArgumentError(name, v, `has length ${v.length} but x has length ${n}`, 'pass one value per bar');
    }
  }
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const b = typeof beta === 'number' ? beta : beta[t], a = typeof alpha === 'number' ? alpha : alpha[t];
    out[t] = y[t] - b * x[t] - a;
  }
  return out;
}

export function spreadZScore(spread: Float64Array, options: SpreadZScoreOptions): SpreadZScore {
  if (options === undefined) {
    throw new InvalidArgumentError('options', options, 'is required', 'pass { window: 60 } (and expanding: true for an expanding mean)');
  }
  rejectUnknownOptions('options', options, ['window', 'expanding', 'ddof']);
  const expanding = options.expanding ?? DEFAULT_ZSCORE_EXPANDING;
  const ddof = options.ddof ?? DEFAULT_ZSCORE_DDOF;
  checkBoolean('options.expanding', expanding);
  if (ddof !== 0 && ddof !== 1) throw new InvalidArgumentError('options.ddof', ddof, 'must be 0 or 1', 'pass 1 (sample std, default) or 0');
  checkWindow('options.window', options.window, 2, Number.MAX_SAFE_INTEGER);
  const w = options.window;
  checkSeries('spread', spread, w, `one full window of ${w} bars`, true);
  const n = spread.length;
  const out = { zScore: new Float64Array(n).fill(NaN), mean: new Float64Array(n).fill(NaN), std: new Float64Array(n).fill(NaN) };
  zScoreKernel(spread, w, expanding, ddof, out.zScore, out.mean, out.std);
  return out;
}

/** Kernel of `spreadZScore`: fills indices w - 1 .. n - 1. */
export function zScoreKernel(s: Float64Array, w: number, expanding: boolean, ddof: number, z: Float64Array, mean: Float64Array, std: Float64Array): void {
  const n = s.length;
  let m = 0, m2 = 0, count = 0;
  for (let t = 0; t < n; t++) {
    const start = t - w + 1;
    if (expanding || start <= 0) { // grow
      count++;
      const d = s[t] - m;
      m += d / count;
      m2 += d * (s[t] - m);
    } else if (start % w === 0) { // exact re-anchor over the window
      m = 0;
      for (let i = start; i <= t; i++) m += s[i];
      m /= w;
      m2 = 0;
      for (let i = start; i <= t; i++) m2 += (s[i] - m) * (s[i] - m);
    } else { // slide: remove s[start - 1], add s[t]
      const old = s[start - 1];
      const mr = m - (old - m) / (w - 1);
      m2 -= (old - mr) * (old - m);
      const d = s[t] - mr;
      m = mr + d / w;
      m2 += d * (s[t] - m);
    }
    if (t < w - 1) continue;
    const sd = Math.sqrt(Math.max(m2, 0) / (count - ddof)); // count is w once a rolling window is full
    mean[t] = m; std[t] = sd;
    z[t] = sd > 0 ? (s[t] - m) / sd : NaN;
  }
}
