// Rolling standard deviation over `window` bars, NaN during the warm-up and for any window that
// holds a missing (non-finite) value, plus realized volatility (the rolling std of log returns).
// The state keeps shifted sums s1 = sum(x - shift), s2 = sum((x - shift)^2), O(1) per bar. The
// plain sum-of-squares shortcut loses digits when the mean is large against the spread (prices),
// and any running sum loses them once a big value (a jump) has passed through it. Both are kept in
// check by re-centring: shift := the window's mean and sums recomputed from the ring (O(window))
// every `window` bars, and at once when the centred sum of squares falls below RECENTRE_RATIO of
// the largest s2 since the last re-centring. Rounding then stays below about
// 2 * window * 2^-53 / RECENTRE_RATIO relative (2e-10 at window 1000), far inside 1e-9.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkPositivePrices, checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notNumberAbove, notSource, sourceColumn, sourceValue, type FeatureKind, type PriceSource } from './kind';
import { ReturnState } from './returns';

export const DEFAULT_DDOF = 1;
const RECENTRE_RATIO = 1 / 1024;
export const DEFAULT_REALIZED_VOLATILITY_WINDOW = 20;

/**
 * Streaming rolling mean, variance and standard deviation (divisor window - ddof). A window whose
 * values are all equal has variance exactly 0 (tracked by a run counter, not left to rounding).
 * After a missing value the state waits for `window` new finite values.
 */
export class RollingStdState {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0; // finite values since the last missing one
  private shift = 0;
  private s1 = 0;
  private s2 = 0;
  private sinceRecentre = 0;
  private peak = 0; // largest s2 since the last re-centring
  private equalRun = 0;
  private last = Number.NaN;
  mean = Number.NaN;
  variance = Number.NaN;

  constructor(readonly window: number, readonly ddof: 0 | 1 = DEFAULT_DDOF) {
    checkWindow('window', window, ddof + 1);
    this.ring = new Float64Array(window);
  }

  /** Adds x; returns the standard deviation of the last `window` values, or NaN. */
  update(x: number): number {
    const w = this.window;
    if (x - x !== 0) {
      this.run = 0; this.s1 = 0; this.s2 = 0; this.sinceRecentre = 0; this.equalRun = 0; this.last = Number.NaN;
      this.mean = Number.NaN; this.variance = Number.NaN;
      return Number.NaN;
    }
    if (this.run >= w) {
      const d = this.ring[this.next]! - this.shift;
      this.s1 -= d; this.s2 -= d * d;
    }
    if (this.run === 0) { this.shift = x; this.peak = 0; }
    this.ring[this.next] = x;
    this.next = this.next + 1 === w ? 0 : this.next + 1;
    this.run++;
    const d = x - this.shift;
    this.s1 += d; this.s2 += d * d;
    if (this.s2 > this.peak) this.peak = this.s2;
    this.equalRun = x === this.last ? this.equalRun + 1 : 1;
    this.last = x;
    if (++this.sinceRecentre >= w) this.recentre();
    if (this.run < w) { this.mean = Number.NaN; this.variance = Number.NaN; return Number.NaN; }
    if (this.equalRun >= w) { this.mean = x; this.variance = 0; return 0; }
    let m2 = this.s2 - (this.s1 * this.s1) / w;
    if (m2 < this.peak * RECENTRE_RATIO) {
      this.recentre();
      m2 = this.s2 - (this.s1 * this.s1) / w;
    }
    this.mean = this.shift + this.s1 / w;
    const v = m2 / (w - this.ddof);
    this.variance = v > 0 ? v : 0;
    return Math.sqrt(this.variance);
  }

  /** shift := mean of the values in the ring that belong to the current run; sums recomputed. */
  private recentre(): void {
    const w = this.window;
    const count = this.run < w ? this.run : w;
    let sum = 0;
    for (let k = 0, i = this.next; k < count; k++) { i = i === 0 ? w - 1 : i - 1; sum += this.ring[i]!; }
    const shift = sum / count;
    let s1 = 0, s2 = 0;
    for (let k = 0, i = this.next; k < count; k++) {
      i = i === 0 ? w - 1 : i - 1;
      const d = this.ring[i]! - shift;
      s1 += d; s2 += d * d;
    }
    this.shift = shift; this.s1 = s1; this.s2 = s2; this.peak = s2; this.sinceRecentre = 0;
  }
}

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
  const state = new RollingStdState(window, ddof);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!) * scale;
  return out;
}

/**
 * Realized volatility: sample (ddof 1, as pandas' rolling std) standard deviation of the last
 * `window` one-bar log returns, times sqrt(annualize). The first value is at index `window`.
 */
export class RealizedVolatilityState {
  private readonly ret = new ReturnState(1, true);
  private readonly std: RollingStdState;
  private readonly scale: number;
  constructor(readonly window: number, annualize = 1) {
    this.std = new RollingStdState(window, 1);
    this.scale = Math.sqrt(annualize);
  }
  update(price: number): number {
    return this.std.update(this.ret.update(price)) * this.scale;
  }
}

export function realizedVolatility(price: Float64Array, window: number, annualize = 1): Float64Array {
  checkSeries('price', price);
  checkPositivePrices('price', price);
  checkWindow('window', window, 2);
  const problem = notNumberAbove(annualize, 0);
  if (problem) throw new InvalidArgumentError('annualize', annualize, problem, 'pass 252 for daily bars, or 1 to leave it per bar');
  const state = new RealizedVolatilityState(window, annualize);
  const out = nanArray(price.length);
  for (let t = 0; t < price.length; t++) out[t] = state.update(price[t]!);
  return out;
}

export interface RealizedVolatilityParams {
  readonly window: number;
  /** Periods per year the result is scaled to (252 for daily bars); 1 leaves it per bar. */
  readonly annualize: number;
  readonly source: PriceSource;
}

const REALIZED_DEFAULTS: RealizedVolatilityParams = { window: DEFAULT_REALIZED_VOLATILITY_WINDOW, annualize: 1, source: 'close' };

export const realizedVolatilityKind: FeatureKind<RealizedVolatilityParams> = {
  kind: 'realized_volatility', version: 1,
  description: 'Rolling sample std (ddof 1) of one-bar log returns, times sqrt(annualize)',
  defaults: REALIZED_DEFAULTS,
  params: (partial, argument) => completeParams(partial, REALIZED_DEFAULTS, argument, (key, value) =>
    key === 'window' ? notInteger(value, 2) : key === 'annualize' ? notNumberAbove(value, 0) : notSource(value)),
  outputs: () => ['value'],
  batch: (bars, p) => [realizedVolatility(sourceColumn(bars, p.source), p.window, p.annualize)],
  stream(p) {
    const state = new RealizedVolatilityState(p.window, p.annualize);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(sourceValue(bar, p.source)); return out; } };
  },
};
