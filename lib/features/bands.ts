// Dispersion and price bands: VAR, STDDEV and BBANDS as in TA-Lib (population variance, ddof 0,
// over `window` values; Bollinger middle = SMA), plus Keltner channels, which TA-Lib lacks.
// The moments come from RollingMoments (shifted sums, see there): on the S&P 500 sample (windows
// 2..200, and the same closes lifted to a level of 1e8) the variance is within 7e-14 relative of
// an exact two-pass computation; TA-Lib 0.8's differs from exact by up to 2e-11 relative (3e-12
// points^2 where two closes nearly agree), which is what the TA-Lib comparison sees. The variance
// is never negative. A window holding a missing value is NaN; Keltner's EMA and ATR restart after
// a gap.
import { InvalidArgumentError } from '../util/errors';
import { checkSeries, nanArray } from './check';
import { completeParams, notInteger, notNumberAbove, notSource, sourceColumn, sourceValue, type FeatureKind, type PriceSource } from './kind';
import { EmaState } from './moving-average';
import { RollingMoments } from './rolling-moments';
import { checkColumns } from './ta-support';
import { AtrState } from './true-range';

export const DEFAULT_BAND_WINDOW = 20;
export const DEFAULT_BBANDS_DEVIATIONS = 2;
export const DEFAULT_KELTNER_ATR_WINDOW = 10;
export const DEFAULT_KELTNER_MULTIPLIER = 2;

/** Rolling population variance (TA-Lib VAR). */
export function rollingVariance(x: Float64Array, window: number = DEFAULT_BAND_WINDOW): Float64Array {
  checkSeries('x', x);
  const moments = new RollingMoments(checkBandWindow('window', window));
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = moments.update(x[t]!) ? moments.variance : Number.NaN;
  return out;
}

/** Rolling population standard deviation times `nbDev` (TA-Lib STDDEV). */
export function rollingStdDev(x: Float64Array, window: number = DEFAULT_BAND_WINDOW, nbDev = 1): Float64Array {
  checkSeries('x', x);
  checkDeviations('nbDev', nbDev);
  const moments = new RollingMoments(checkBandWindow('window', window));
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = moments.update(x[t]!) ? Math.sqrt(moments.variance) * nbDev : Number.NaN;
  return out;
}

/**
 * Streaming Bollinger bands: middle = SMA(window), upper/lower = middle +/- nbDevUp/nbDevDn
 * population standard deviations; percentB = (x - lower) / (upper - lower), 0.5 where the bands
 * have zero width (x then equals the middle); bandwidth = (upper - lower) / middle, NaN where the
 * middle is 0.
 */
export class BollingerState {
  private readonly moments: RollingMoments;
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  percentB = Number.NaN;
  bandwidth = Number.NaN;

  constructor(readonly window: number = DEFAULT_BAND_WINDOW, readonly nbDevUp = DEFAULT_BBANDS_DEVIATIONS, readonly nbDevDn = DEFAULT_BBANDS_DEVIATIONS) {
    this.moments = new RollingMoments(checkBandWindow('window', window));
    checkDeviations('nbDevUp', nbDevUp);
    checkDeviations('nbDevDn', nbDevDn);
  }

  update(x: number): void {
    if (!this.moments.update(x)) {
      this.upper = Number.NaN; this.middle = Number.NaN; this.lower = Number.NaN;
      this.percentB = Number.NaN; this.bandwidth = Number.NaN;
      return;
    }
    const middle = this.moments.mean;
    const sd = Math.sqrt(this.moments.variance);
    const upper = middle + sd * this.nbDevUp;
    const lower = middle - sd * this.nbDevDn;
    const width = upper - lower;
    this.upper = upper; this.middle = middle; this.lower = lower;
    this.percentB = width > 0 ? (x - lower) / width : 0.5;
    this.bandwidth = middle === 0 ? Number.NaN : width / middle;
  }
}

export interface BollingerBands {
  readonly upper: Float64Array; readonly middle: Float64Array; readonly lower: Float64Array;
  readonly percentB: Float64Array; readonly bandwidth: Float64Array;
}

/** Bollinger bands over `window` values (TA-Lib BBANDS with an SMA middle) with %B and bandwidth. */
export function bollingerBands(x: Float64Array, window: number = DEFAULT_BAND_WINDOW,
  nbDevUp = DEFAULT_BBANDS_DEVIATIONS, nbDevDn = DEFAULT_BBANDS_DEVIATIONS): BollingerBands {
  checkSeries('x', x);
  const state = new BollingerState(window, nbDevUp, nbDevDn);
  const n = x.length;
  // Built before the loop: V8 compiles the hot loop on the first call, and an object literal it has
  // not yet seen run after the loop would throw that code away every call.
  const result = { upper: nanArray(n), middle: nanArray(n), lower: nanArray(n), percentB: nanArray(n), bandwidth: nanArray(n) };
  const { upper, middle, lower, percentB, bandwidth } = result;
  for (let t = 0; t < n; t++) {
    state.update(x[t]!);
    upper[t] = state.upper; middle[t] = state.middle; lower[t] = state.lower;
    percentB[t] = state.percentB; bandwidth[t] = state.bandwidth;
  }
  return result;
}

/**
 * Streaming Keltner channels (the modern, ATR-based form): middle = EMA(close, window) with
 * TA-Lib's SMA seed, upper/lower = middle +/- multiplier * ATR(atrWindow) (Wilder). All three are
 * NaN until both the EMA and the ATR have warmed up (bar max(window - 1, atrWindow)).
 */
export class KeltnerState {
  private readonly ema: EmaState;
  private readonly atr: AtrState;
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;

  constructor(readonly window: number = DEFAULT_BAND_WINDOW, readonly atrWindow: number = DEFAULT_KELTNER_ATR_WINDOW,
    readonly multiplier: number = DEFAULT_KELTNER_MULTIPLIER) {
    this.ema = new EmaState(window);
    this.atr = new AtrState(atrWindow);
    checkDeviations('multiplier', multiplier);
  }

  update(high: number, low: number, close: number): void {
    const middle = this.ema.update(close);
    const range = this.atr.update(high, low, close);
    if (middle !== middle || range !== range) {
      this.upper = Number.NaN; this.middle = Number.NaN; this.lower = Number.NaN;
      return;
    }
    this.middle = middle;
    this.upper = middle + this.multiplier * range;
    this.lower = middle - this.multiplier * range;
  }
}

export interface KeltnerChannels { readonly upper: Float64Array; readonly middle: Float64Array; readonly lower: Float64Array }

/** Keltner channels: EMA(close, window) +/- multiplier * ATR(atrWindow). */
export function keltnerChannels(high: Float64Array, low: Float64Array, close: Float64Array, window: number = DEFAULT_BAND_WINDOW,
  atrWindow: number = DEFAULT_KELTNER_ATR_WINDOW, multiplier: number = DEFAULT_KELTNER_MULTIPLIER): KeltnerChannels {
  const n = checkColumns({ high, low, close });
  const state = new KeltnerState(window, atrWindow, multiplier);
  const result = { upper: nanArray(n), middle: nanArray(n), lower: nanArray(n) }; // before the loop: see bollingerBands
  const { upper, middle, lower } = result;
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    upper[t] = state.upper; middle[t] = state.middle; lower[t] = state.lower;
  }
  return result;
}

function checkBandWindow(argument: string, window: unknown): number {
  const problem = notInteger(window, 2);
  if (problem) throw new InvalidArgumentError(argument, window, problem, `pass a whole number of bars such as ${DEFAULT_BAND_WINDOW}`);
  return window as number;
}

function checkDeviations(argument: string, value: unknown): void {
  const problem = notNumberAbove(value, 0);
  if (problem) throw new InvalidArgumentError(argument, value, problem, `pass a number of standard deviations (or ATRs) such as ${DEFAULT_BBANDS_DEVIATIONS}`);
}

// ---- registry kinds ----

export interface VarianceParams { readonly window: number; readonly source: PriceSource }
export interface StdDevParams { readonly window: number; readonly nbDev: number; readonly source: PriceSource }
export interface BollingerParams { readonly window: number; readonly nbDevUp: number; readonly nbDevDn: number; readonly source: PriceSource }
export interface KeltnerParams { readonly window: number; readonly atrWindow: number; readonly multiplier: number }

/** Check for kinds: 'source' is a price column, 'window'-like keys integers >= 2, the rest positive numbers. */
function bandCheck(key: string, value: unknown): string | undefined {
  if (key === 'source') return notSource(value);
  if (key === 'window') return notInteger(value, 2);
  if (key === 'atrWindow') return notInteger(value, 1);
  return notNumberAbove(value, 0);
}

const varianceDefaults: VarianceParams = { window: DEFAULT_BAND_WINDOW, source: 'close' };

export const varKind: FeatureKind<VarianceParams> = {
  kind: 'var', version: 1, description: 'Rolling population variance, ddof 0 (TA-Lib VAR)',
  defaults: varianceDefaults,
  params: (partial, argument) => completeParams(partial, varianceDefaults, argument, bandCheck),
  outputs: () => ['value'],
  batch: (bars, p) => [rollingVariance(sourceColumn(bars, p.source), p.window)],
  stream(p) {
    const moments = new RollingMoments(p.window);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = moments.update(sourceValue(bar, p.source)) ? moments.variance : Number.NaN; return out; } };
  },
};

const stdDevDefaults: StdDevParams = { window: DEFAULT_BAND_WINDOW, nbDev: 1, source: 'close' };

export const stddevKind: FeatureKind<StdDevParams> = {
  kind: 'stddev', version: 1, description: 'Rolling population standard deviation times nbDev, ddof 0 (TA-Lib STDDEV)',
  defaults: stdDevDefaults,
  params: (partial, argument) => completeParams(partial, stdDevDefaults, argument, bandCheck),
  outputs: () => ['value'],
  batch: (bars, p) => [rollingStdDev(sourceColumn(bars, p.source), p.window, p.nbDev)],
  stream(p) {
    const moments = new RollingMoments(p.window);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = moments.update(sourceValue(bar, p.source)) ? Math.sqrt(moments.variance) * p.nbDev : Number.NaN; return out; } };
  },
};

const bollingerDefaults: BollingerParams = { window: DEFAULT_BAND_WINDOW, nbDevUp: DEFAULT_BBANDS_DEVIATIONS, nbDevDn: DEFAULT_BBANDS_DEVIATIONS, source: 'close' };

export const bbandsKind: FeatureKind<BollingerParams> = {
  kind: 'bbands', version: 1, description: 'Bollinger bands around an SMA with %B and bandwidth (TA-Lib BBANDS, matype SMA)',
  defaults: bollingerDefaults,
  params: (partial, argument) => completeParams(partial, bollingerDefaults, argument, bandCheck),
  outputs: () => ['upper', 'middle', 'lower', 'percentB', 'bandwidth'],
  batch(bars, p) {
    const b = bollingerBands(sourceColumn(bars, p.source), p.window, p.nbDevUp, p.nbDevDn);
    return [b.upper, b.middle, b.lower, b.percentB, b.bandwidth];
  },
  stream(p) {
    const state = new BollingerState(p.window, p.nbDevUp, p.nbDevDn);
    const out = new Float64Array(5);
    return {
      update(bar) {
        state.update(sourceValue(bar, p.source));
        out[0] = state.upper; out[1] = state.middle; out[2] = state.lower; out[3] = state.percentB; out[4] = state.bandwidth;
        return out;
      },
    };
  },
};

const keltnerDefaults: KeltnerParams = { window: DEFAULT_BAND_WINDOW, atrWindow: DEFAULT_KELTNER_ATR_WINDOW, multiplier: DEFAULT_KELTNER_MULTIPLIER };

export const keltnerKind: FeatureKind<KeltnerParams> = {
  kind: 'keltner', version: 1, description: 'Keltner channels: EMA(close, window) +/- multiplier * ATR(atrWindow)',
  defaults: keltnerDefaults,
  params: (partial, argument) => completeParams(partial, keltnerDefaults, argument, bandCheck),
  outputs: () => ['upper', 'middle', 'lower'],
  batch(bars, p) {
    const k = keltnerChannels(bars.high, bars.low, bars.close, p.window, p.atrWindow, p.multiplier);
    return [k.upper, k.middle, k.lower];
  },
  stream(p) {
    const state = new KeltnerState(p.window, p.atrWindow, p.multiplier);
    const out = new Float64Array(3);
    return { update(bar) { state.update(bar.high, bar.low, bar.close); out[0] = state.upper; out[1] = state.middle; out[2] = state.lower; return out; } };
  },
};
