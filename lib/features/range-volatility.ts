// Range-based volatility estimators over a rolling window of N bars, as a per-bar standard
// deviation times sqrt(annualize). Each uses more of the bar than close-to-close returns do, so it
// is less noisy for the same window. Definitions (u = ln(H/L), c = ln(C/O)):
//   Parkinson (1980), J. Business 53(1):      var = mean(u^2) / (4 ln 2)
//   Garman & Klass (1980), J. Business 53(1): var = mean(0.5 u^2 - (2 ln 2 - 1) c^2)
//   Rogers & Satchell (1991), Ann. Appl. Prob. 1(4): var = mean(ln(H/C) ln(H/O) + ln(L/C) ln(L/O))
//   Yang & Zhang (2000), J. Business 73(3):   var = var_o + k var_c + (1 - k) var_rs,
//     var_o = sample variance (ddof 1) of overnight returns ln(O[t] / C[t-1]), var_c = sample
//     variance of ln(C/O), var_rs = the Rogers-Satchell mean, k = 0.34 / (1.34 + (N + 1) / (N - 1)).
// Yang-Zhang needs the previous close, so its first value is at index N; the others at N - 1.
// Batch kernels reject non-positive prices; the streaming states read such a bar as missing.
// A missing bar makes every window holding it NaN (for Yang-Zhang also the windows holding the
// next bar, whose overnight return needs it). Means of terms are sums with Neumaier compensation
// (compensated-sum.ts), so a window of zero-range bars gives 0, not the rounding of past windows.
import { InvalidArgumentError } from '../util/errors';
import { checkPositivePrices, checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notNumberAbove, type FeatureKind } from './kind';
import type { Bars } from '../data/bars';
import { RollingStdState } from './rolling-std';
import { CompensatedRollingSum } from './compensated-sum';

export const DEFAULT_RANGE_VOLATILITY_WINDOW = 20;
const LN2 = Math.LN2;
const GK_C = 2 * LN2 - 1;

/** x if finite, else NaN: a log of a zero or negative price must count as missing, not as -Infinity. */
function finite(x: number): number {
  return x - x === 0 ? x : Number.NaN;
}

export function parkinsonTerm(high: number, low: number): number {
  const u = Math.log(high / low);
  return finite(u * u);
}

export function garmanKlassTerm(open: number, high: number, low: number, close: number): number {
  const u = Math.log(high / low), c = Math.log(close / open);
  return finite(0.5 * u * u - GK_C * c * c);
}

// Four logarithms, although ln(H/O) = ln(H/C) + ln(C/O) would save one: the sum is not exactly 0
// where the open is the low, and a window of such bars must give exactly 0, not sqrt(-1e-20).
export function rogersSatchellTerm(open: number, high: number, low: number, close: number): number {
  return finite(Math.log(high / close) * Math.log(high / open) + Math.log(low / close) * Math.log(low / open));
}

/**
 * Rounding can leave the sum of a window of zero terms at -1e-30, whose square root is NaN; such
 * a window has no variance. (Clearly negative sums only come from bars whose open or close lies
 * outside [low, high]; they read as 0 too.)
 */
function nonNegative(x: number): number {
  return x < 0 ? 0 : x;
}

/** Shared tail of the mean-of-terms estimators: rolling mean of a per-bar term, scaled. */
class MeanTermVolatility {
  private readonly sum: CompensatedRollingSum;
  private readonly scale: number;
  constructor(readonly window: number, divisor: number, annualize: number) {
    checkWindow('window', window);
    this.sum = new CompensatedRollingSum(window);
    this.scale = annualize / (window * divisor);
  }
  add(term: number): number {
    return Math.sqrt(nonNegative(this.sum.update(term)) * this.scale);
  }
}

export class ParkinsonState {
  private readonly mean: MeanTermVolatility;
  constructor(window: number, annualize = 1) { this.mean = new MeanTermVolatility(window, 4 * LN2, annualize); }
  update(_open: number, high: number, low: number, _close: number): number { return this.mean.add(parkinsonTerm(high, low)); }
}

export class GarmanKlassState {
  private readonly mean: MeanTermVolatility;
  constructor(window: number, annualize = 1) { this.mean = new MeanTermVolatility(window, 1, annualize); }
  update(open: number, high: number, low: number, close: number): number { return this.mean.add(garmanKlassTerm(open, high, low, close)); }
}

export class RogersSatchellState {
  private readonly mean: MeanTermVolatility;
  constructor(window: number, annualize = 1) { this.mean = new MeanTermVolatility(window, 1, annualize); }
  update(open: number, high: number, low: number, close: number): number { return this.mean.add(rogersSatchellTerm(open, high, low, close)); }
}

/**
 * Works on the logarithms of the four prices (and the previous close's): four logarithms a bar
 * instead of six. Differences of equal logarithms are exactly 0, so bars whose open or close sits
 * at the high or low still give exact zeros; elsewhere the differences carry ~1e-15 absolute
 * error, far below the 1e-9 the estimators are held to.
 */
export class YangZhangState {
  private readonly overnight: RollingStdState;
  private readonly openClose: RollingStdState;
  private readonly rs: CompensatedRollingSum;
  private readonly k: number;
  private prevLogClose = Number.NaN;
  constructor(readonly window: number, readonly annualize = 1) {
    checkWindow('window', window, 2);
    this.overnight = new RollingStdState(window, 1);
    this.openClose = new RollingStdState(window, 1);
    this.rs = new CompensatedRollingSum(window);
    this.k = 0.34 / (1.34 + (window + 1) / (window - 1));
  }
  update(open: number, high: number, low: number, close: number): number {
    const o = Math.log(open), h = Math.log(high), l = Math.log(low), c = Math.log(close);
    this.overnight.update(finite(o - this.prevLogClose));
    this.openClose.update(finite(c - o));
    const rsSum = this.rs.update(finite((h - c) * (h - o) + (l - c) * (l - o)));
    this.prevLogClose = c;
    const k = this.k;
    return Math.sqrt((this.overnight.variance + k * this.openClose.variance + (1 - k) * nonNegative(rsSum / this.window)) * this.annualize);
  }
}

export type RangeEstimator = 'parkinson' | 'garman_klass' | 'rogers_satchell' | 'yang_zhang';

type OhlcState = { update(open: number, high: number, low: number, close: number): number };

function makeState(estimator: RangeEstimator, window: number, annualize: number): OhlcState {
  switch (estimator) {
    case 'parkinson': return new ParkinsonState(window, annualize);
    case 'garman_klass': return new GarmanKlassState(window, annualize);
    case 'rogers_satchell': return new RogersSatchellState(window, annualize);
    case 'yang_zhang': return new YangZhangState(window, annualize);
    default: throw new InvalidArgumentError('estimator', estimator, 'is not a range volatility estimator', "use 'parkinson', 'garman_klass', 'rogers_satchell' or 'yang_zhang'");
  }
}

// One loop per estimator class keeps each call site monomorphic (V8 inlines the update).
function runOhlc<S extends OhlcState>(state: S, o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array): Float64Array {
  const out = nanArray(c.length);
  for (let t = 0; t < c.length; t++) out[t] = state.update(o[t]!, h[t]!, l[t]!, c[t]!);
  return out;
}

/** Rolling range-based volatility of OHLC columns (positive prices, NaN where missing). */
export function rangeVolatility(estimator: RangeEstimator, bars: Pick<Bars, 'open' | 'high' | 'low' | 'close'>, window: number, annualize = 1): Float64Array {
  for (const name of ['open', 'high', 'low', 'close'] as const) {
    checkSeries(`bars.${name}`, bars[name]);
    if (bars[name].length !== bars.close.length) {
      throw new InvalidArgumentError(`bars.${name}`, bars[name], `must have the length of bars.close (${bars.close.length})`, 'pass columns of one set of bars');
    }
    checkPositivePrices(`bars.${name}`, bars[name]);
  }
  const problem = notNumberAbove(annualize, 0);
  if (problem) throw new InvalidArgumentError('annualize', annualize, problem, 'pass 252 for daily bars, or 1 to leave it per bar');
  const s = makeState(estimator, window, annualize);
  const { open: o, high: h, low: l, close: c } = bars;
  if (s instanceof ParkinsonState) return runOhlc(s, o, h, l, c);
  if (s instanceof GarmanKlassState) return runOhlc(s, o, h, l, c);
  if (s instanceof RogersSatchellState) return runOhlc(s, o, h, l, c);
  return runOhlc(s, o, h, l, c);
}

export interface RangeVolatilityParams {
  readonly window: number;
  /** Periods per year the result is scaled to (252 for daily bars); 1 leaves it per bar. */
  readonly annualize: number;
}

function rangeKind(estimator: RangeEstimator, minWindow: number, description: string): FeatureKind<RangeVolatilityParams> {
  const defaults: RangeVolatilityParams = { window: DEFAULT_RANGE_VOLATILITY_WINDOW, annualize: 1 };
  return {
    kind: estimator, version: 1, description, defaults,
    params: (partial, argument) => completeParams(partial, defaults, argument, (key, value) =>
      key === 'window' ? notInteger(value, minWindow) : notNumberAbove(value, 0)),
    outputs: () => ['value'],
    batch: (bars, p) => [rangeVolatility(estimator, bars, p.window, p.annualize)],
    stream(p) {
      const state = makeState(estimator, p.window, p.annualize);
      const out = new Float64Array(1);
      return { update(bar) { out[0] = state.update(bar.open, bar.high, bar.low, bar.close); return out; } };
    },
  };
}

export const parkinsonKind = rangeKind('parkinson', 1, 'Parkinson (1980) high-low volatility over `window` bars, times sqrt(annualize)');
export const garmanKlassKind = rangeKind('garman_klass', 1, 'Garman-Klass (1980) OHLC volatility over `window` bars, times sqrt(annualize)');
export const rogersSatchellKind = rangeKind('rogers_satchell', 1, 'Rogers-Satchell (1991) drift-independent OHLC volatility over `window` bars, times sqrt(annualize)');
export const yangZhangKind = rangeKind('yang_zhang', 2, 'Yang-Zhang (2000) volatility with overnight gaps over `window` bars, times sqrt(annualize)');
