// Stochastic oscillators with TA-Lib's conventions: STOCH (slow %K, %D), STOCHF (fast %K, %D),
// STOCHRSI (STOCHF of RSI) and Williams' %R. %K places the close in the high-low range of the last
// `fastKPeriod` bars; the smoothings are SMAs (TA-Lib's default MA type). NaN until TA-Lib's first
// output index; a missing value in any input restarts the indicator, as on bars after the gap.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notSource, sourceColumn, sourceValue, type BarValues, type FeatureKind, type FeatureStream, type PriceSource } from './kind';
import { checkColumns, isZeroScaled, RestartingSma } from './ta-support';
import { WilderGainLoss } from './wilder-gain-loss';
import { RollingExtreme } from './window';

export const DEFAULT_FASTK_PERIOD = 5;
export const DEFAULT_SLOWK_PERIOD = 3;
export const DEFAULT_SLOWD_PERIOD = 3;
export const DEFAULT_FASTD_PERIOD = 3;
export const DEFAULT_STOCHRSI_PERIOD = 14;
export const DEFAULT_WILLR_PERIOD = 14;

/**
 * Where the close stands in the range of the last `period` bars, shared by %K and %R: %K measures
 * from the lowest low, 100 * (close - ll) / (hh - ll); %R from the highest high, -100 * (hh - close)
 * / (hh - ll). 0 where the range is zero (TA-Lib's relative test); a missing value in any input
 * empties the window.
 */
class RangePosition {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  constructor(period: number, private readonly fromHigh: boolean) {
    checkWindow('period', period);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }
  update(high: number, low: number, close: number): number {
    if (high !== high || low !== low || close !== close) { high = Number.NaN; low = Number.NaN; }
    const hh = this.highest.update(high);
    const ll = this.lowest.update(low);
    if (hh !== hh || ll !== ll) return Number.NaN;
    const range = hh - ll;
    if (isZeroScaled(range, Math.abs(hh) + Math.abs(ll))) return 0;
    return this.fromHigh ? ((hh - close) / range) * -100 : ((close - ll) / range) * 100;
  }
}

/**
 * Fast %K = 100 * (close - lowest low) / (highest high - lowest low) over `period` bars, 0 where
 * the range is zero (TA-Lib's relative test). A missing value in any input empties the window.
 */
export class FastKState extends RangePosition {
  constructor(readonly period: number) {
    super(period, false);
  }
}

/** Slow stochastic: slowK = SMA(fast %K, slowKPeriod), slowD = SMA(slowK, slowDPeriod); read `k`, `d`. */
export class StochState {
  private readonly fastK: FastKState;
  private readonly smoothK: RestartingSma;
  private readonly smoothD: RestartingSma;
  k = Number.NaN;
  d = Number.NaN;
  constructor(
    readonly fastKPeriod: number = DEFAULT_FASTK_PERIOD, readonly slowKPeriod: number = DEFAULT_SLOWK_PERIOD,
    readonly slowDPeriod: number = DEFAULT_SLOWD_PERIOD,
  ) {
    this.fastK = new FastKState(fastKPeriod);
    this.smoothK = new RestartingSma(slowKPeriod);
    this.smoothD = new RestartingSma(slowDPeriod);
  }
  update(high: number, low: number, close: number): void {
    const k = this.smoothK.update(this.fastK.update(high, low, close));
    const d = this.smoothD.update(k);
    // TA-Lib reports %K only from the bar where %D exists.
    this.k = d === d ? k : Number.NaN;
    this.d = d;
  }
}

/** Fast stochastic: fast %K and fastD = SMA(fast %K, fastDPeriod); read `k`, `d`. */
export class StochFState {
  private readonly fastK: FastKState;
  private readonly smoothD: RestartingSma;
  k = Number.NaN;
  d = Number.NaN;
  constructor(readonly fastKPeriod: number = DEFAULT_FASTK_PERIOD, readonly fastDPeriod: number = DEFAULT_FASTD_PERIOD) {
    this.fastK = new FastKState(fastKPeriod);
    this.smoothD = new RestartingSma(fastDPeriod);
  }
  update(high: number, low: number, close: number): void {
    const k = this.fastK.update(high, low, close);
    const d = this.smoothD.update(k);
    this.k = d === d ? k : Number.NaN;
    this.d = d;
  }
}

/**
 * RSI exactly as TA-Lib 0.8 computes it, reporting 0 where prices never moved (the library's
 * RsiState reports a neutral 50 there): STOCHRSI takes the range of RSI values, and last-bit
 * differences there turn into visible residue where %K's SMA cancels to zero.
 */
export class TaLibRsiState {
  private readonly averages: WilderGainLoss;
  constructor(readonly period: number = DEFAULT_STOCHRSI_PERIOD) {
    this.averages = new WilderGainLoss(period, true);
  }
  update(x: number): number {
    const a = this.averages;
    if (!a.update(x)) return Number.NaN;
    const total = a.gain + a.loss;
    return total === 0 ? 0 : 100 * (a.gain / total);
  }
}

/** Stochastic RSI: the fast stochastic of RSI(period) read as high, low and close (TA-Lib STOCHRSI). */
export class StochRsiState {
  private readonly rsi: TaLibRsiState;
  private readonly stoch: StochFState;
  k = Number.NaN;
  d = Number.NaN;
  constructor(
    readonly period: number = DEFAULT_STOCHRSI_PERIOD, readonly fastKPeriod: number = DEFAULT_FASTK_PERIOD,
    readonly fastDPeriod: number = DEFAULT_FASTD_PERIOD,
  ) {
    this.rsi = new TaLibRsiState(period);
    this.stoch = new StochFState(fastKPeriod, fastDPeriod);
  }
  update(x: number): void {
    const r = this.rsi.update(x);
    this.stoch.update(r, r, r);
    this.k = this.stoch.k;
    this.d = this.stoch.d;
  }
}

/** Williams' %R in [-100, 0]: -100 * (highest high - close) / (highest high - lowest low); 0 on a zero range. */
export class WillrState extends RangePosition {
  constructor(readonly period: number = DEFAULT_WILLR_PERIOD) {
    super(period, true);
  }
}

export interface StochasticResult { readonly k: Float64Array; readonly d: Float64Array }

/** What the STOCH, STOCHF and STOCHRSI states have in common: `k` and `d`, read after each update. */
interface KdState { readonly k: number; readonly d: number }

/** The two-output stream (k, d) of `state`, which `feed` updates with a bar. */
function kdStream(state: KdState, feed: (bar: BarValues) => void): FeatureStream {
  const out = new Float64Array(2);
  return { update(bar) { feed(bar); out[0] = state.k; out[1] = state.d; return out; } };
}

export function stoch(
  high: Float64Array, low: Float64Array, close: Float64Array, fastKPeriod: number = DEFAULT_FASTK_PERIOD,
  slowKPeriod: number = DEFAULT_SLOWK_PERIOD, slowDPeriod: number = DEFAULT_SLOWD_PERIOD,
): StochasticResult {
  const n = checkColumns({ high, low, close });
  const state = new StochState(fastKPeriod, slowKPeriod, slowDPeriod);
  const k = nanArray(n), d = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    k[t] = state.k; d[t] = state.d;
  }
  return { k, d };
}

export function stochf(
  high: Float64Array, low: Float64Array, close: Float64Array, fastKPeriod: number = DEFAULT_FASTK_PERIOD,
  fastDPeriod: number = DEFAULT_FASTD_PERIOD,
): StochasticResult {
  const n = checkColumns({ high, low, close });
  const state = new StochFState(fastKPeriod, fastDPeriod);
  const k = nanArray(n), d = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    k[t] = state.k; d[t] = state.d;
  }
  return { k, d };
}

export function stochrsi(
  x: Float64Array, period: number = DEFAULT_STOCHRSI_PERIOD, fastKPeriod: number = DEFAULT_FASTK_PERIOD,
  fastDPeriod: number = DEFAULT_FASTD_PERIOD,
): StochasticResult {
  checkSeries('x', x);
  const state = new StochRsiState(period, fastKPeriod, fastDPeriod);
  const n = x.length;
  const k = nanArray(n), d = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(x[t]!);
    k[t] = state.k; d[t] = state.d;
  }
  return { k, d };
}

export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_WILLR_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new WillrState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!);
  return out;
}

export interface StochParams { readonly fastKPeriod: number; readonly slowKPeriod: number; readonly slowDPeriod: number }
export interface StochFParams { readonly fastKPeriod: number; readonly fastDPeriod: number }
export interface StochRsiParams { readonly period: number; readonly fastKPeriod: number; readonly fastDPeriod: number; readonly source: PriceSource }
export interface WillrParams { readonly period: number }

const STOCH_DEFAULTS: StochParams = { fastKPeriod: DEFAULT_FASTK_PERIOD, slowKPeriod: DEFAULT_SLOWK_PERIOD, slowDPeriod: DEFAULT_SLOWD_PERIOD };
const STOCHF_DEFAULTS: StochFParams = { fastKPeriod: DEFAULT_FASTK_PERIOD, fastDPeriod: DEFAULT_FASTD_PERIOD };
const STOCHRSI_DEFAULTS: StochRsiParams = { period: DEFAULT_STOCHRSI_PERIOD, fastKPeriod: DEFAULT_FASTK_PERIOD, fastDPeriod: DEFAULT_FASTD_PERIOD, source: 'close' };
const WILLR_DEFAULTS: WillrParams = { period: DEFAULT_WILLR_PERIOD };

export const stochKind: FeatureKind<StochParams> = {
  kind: 'stoch', version: 1, description: 'Slow stochastic %K and %D, SMA smoothing (TA-Lib STOCH)', defaults: STOCH_DEFAULTS,
  params: (partial, argument) => completeParams(partial, STOCH_DEFAULTS, argument, (_key, value) => notInteger(value, 1)),
  outputs: () => ['slowk', 'slowd'],
  batch(bars, p) {
    const r = stoch(bars.high, bars.low, bars.close, p.fastKPeriod, p.slowKPeriod, p.slowDPeriod);
    return [r.k, r.d];
  },
  stream(p) {
    const state = new StochState(p.fastKPeriod, p.slowKPeriod, p.slowDPeriod);
    return kdStream(state, (bar) => state.update(bar.high, bar.low, bar.close));
  },
};

export const stochfKind: FeatureKind<StochFParams> = {
  kind: 'stochf', version: 1, description: 'Fast stochastic %K and %D, SMA smoothing (TA-Lib STOCHF)', defaults: STOCHF_DEFAULTS,
  params: (partial, argument) => completeParams(partial, STOCHF_DEFAULTS, argument, (_key, value) => notInteger(value, 1)),
  outputs: () => ['fastk', 'fastd'],
  batch(bars, p) {
    const r = stochf(bars.high, bars.low, bars.close, p.fastKPeriod, p.fastDPeriod);
    return [r.k, r.d];
  },
  stream(p) {
    const state = new StochFState(p.fastKPeriod, p.fastDPeriod);
    return kdStream(state, (bar) => state.update(bar.high, bar.low, bar.close));
  },
};

export const stochrsiKind: FeatureKind<StochRsiParams> = {
  kind: 'stochrsi', version: 1, description: 'Stochastic RSI, fast %K and %D of RSI (TA-Lib STOCHRSI)', defaults: STOCHRSI_DEFAULTS,
  params: (partial, argument) => completeParams(partial, STOCHRSI_DEFAULTS, argument, (key, value) => {
    if (key === 'source') return notSource(value);
    return notInteger(value, key === 'period' ? 2 : 1);
  }),
  outputs: () => ['fastk', 'fastd'],
  batch(bars, p) {
    const r = stochrsi(sourceColumn(bars, p.source), p.period, p.fastKPeriod, p.fastDPeriod);
    return [r.k, r.d];
  },
  stream(p) {
    const state = new StochRsiState(p.period, p.fastKPeriod, p.fastDPeriod);
    return kdStream(state, (bar) => state.update(sourceValue(bar, p.source)));
  },
};

export const willrKind: FeatureKind<WillrParams> = {
  kind: 'willr', version: 1, description: "Williams' %R (TA-Lib WILLR)", defaults: WILLR_DEFAULTS,
  params: (partial, argument) => completeParams(partial, WILLR_DEFAULTS, argument, (_key, value) => notInteger(value, 2)),
  outputs: () => ['value'],
  batch: (bars, p) => [willr(bars.high, bars.low, bars.close, p.period)],
  stream(p) {
    const state = new WillrState(p.period);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close); return out; } };
  },
};
