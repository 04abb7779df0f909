// Momentum measures with TA-Lib's conventions: ROC, ROCP, ROCR, MOM (change over `period` bars),
// CMO (Chande momentum oscillator, Wilder-smoothed as TA-Lib computes it) and BOP (balance of
// power). NaN until TA-Lib's first output index; a missing value (NaN) restarts the indicator, as
// on a series that starts after the gap.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, seriesKind, type FeatureKind, type PriceSource } from './kind';
import { checkColumns, periodOrSource } from './ta-support';
import { WilderGainLoss } from './wilder-gain-loss';

export const DEFAULT_ROC_PERIOD = 10;
export const DEFAULT_CMO_PERIOD = 14;

/** The value `period` bars ago (NaN until it exists, and for `period` bars after a gap). */
export class LagState {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0;
  constructor(readonly period: number) {
    checkWindow('period', period);
    this.ring = new Float64Array(period);
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; return Number.NaN; }
    const old = this.ring[this.next]!;
    this.ring[this.next] = x;
    this.next = this.next + 1 === this.period ? 0 : this.next + 1;
    return ++this.run > this.period ? old : Number.NaN;
  }
}

/** Rate of change in percent, (x / x[-period] - 1) * 100; 0 where x[-period] is 0 (TA-Lib). */
export class RocState {
  private readonly lag: LagState;
  constructor(readonly period: number = DEFAULT_ROC_PERIOD) { this.lag = new LagState(period); }
  update(x: number): number {
    const prev = this.lag.update(x);
    return prev === 0 ? 0 : (x / prev - 1) * 100;
  }
}

/** Rate of change as a fraction, (x - x[-period]) / x[-period]; 0 where x[-period] is 0 (TA-Lib). */
export class RocpState {
  private readonly lag: LagState;
  constructor(readonly period: number = DEFAULT_ROC_PERIOD) { this.lag = new LagState(period); }
  update(x: number): number {
    const prev = this.lag.update(x);
    return prev === 0 ? 0 : (x - prev) / prev;
  }
}

/** Rate of change as a ratio, x / x[-period]; 0 where x[-period] is 0 (TA-Lib). */
export class RocrState {
  private readonly lag: LagState;
  constructor(readonly period: number = DEFAULT_ROC_PERIOD) { this.lag = new LagState(period); }
  update(x: number): number {
    const prev = this.lag.update(x);
    return prev === 0 ? 0 : x / prev;
  }
}

/** Momentum, x - x[-period]. */
export class MomState {
  private readonly lag: LagState;
  constructor(readonly period: number = DEFAULT_ROC_PERIOD) { this.lag = new LagState(period); }
  update(x: number): number {
    return x - this.lag.update(x);
  }
}

/**
 * Chande momentum oscillator in [-100, 100], 100 * (gain - loss) / (gain + loss), with gains and
 * losses Wilder-smoothed exactly as TA-Lib's CMO does (plain means of the first `period` changes,
 * then avg = (avg * (period - 1) + new) / period); 0 where both are zero. First value at `period`.
 */
export class CmoState {
  private readonly averages: WilderGainLoss;
  constructor(readonly period: number = DEFAULT_CMO_PERIOD) {
    this.averages = new WilderGainLoss(period, false);
  }
  update(x: number): number {
    const a = this.averages;
    if (!a.update(x)) return Number.NaN;
    const total = a.gain + a.loss;
    return total === 0 ? 0 : 100 * ((a.gain - a.loss) / total);
  }
}

/** Balance of power, (close - open) / (high - low); 0 on a bar without range (TA-Lib). */
export class BopState {
  update(open: number, high: number, low: number, close: number): number {
    const range = high - low;
    const body = close - open;
    if (range !== range || body !== body) return Number.NaN;
    return range > 0 ? body / range : 0;
  }
}

// One loop per kernel keeps each update call site monomorphic.

export function roc(x: Float64Array, period: number = DEFAULT_ROC_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new RocState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function rocp(x: Float64Array, period: number = DEFAULT_ROC_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new RocpState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function rocr(x: Float64Array, period: number = DEFAULT_ROC_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new RocrState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function mom(x: Float64Array, period: number = DEFAULT_ROC_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new MomState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function cmo(x: Float64Array, period: number = DEFAULT_CMO_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new CmoState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function bop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = checkColumns({ open, high, low, close });
  const state = new BopState();
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(open[t]!, high[t]!, low[t]!, close[t]!);
  return out;
}

export interface MomentumParams { readonly period: number; readonly source: PriceSource }

function momentumKind(
  kind: string, description: string, period: number, min: number,
  kernel: (x: Float64Array, period: number) => Float64Array, state: (period: number) => { update(x: number): number },
): FeatureKind<MomentumParams> {
  return seriesKind<MomentumParams>({
    kind, version: 1, description, defaults: { period, source: 'close' },
    check: periodOrSource(min),
    kernel: (x, p) => kernel(x, p.period),
    state: (p) => state(p.period),
  });
}

export const rocKind = momentumKind('roc', 'Rate of change, percent (TA-Lib ROC)', DEFAULT_ROC_PERIOD, 1, roc, (p) => new RocState(p));
export const rocpKind = momentumKind('rocp', 'Rate of change, fraction (TA-Lib ROCP)', DEFAULT_ROC_PERIOD, 1, rocp, (p) => new RocpState(p));
export const rocrKind = momentumKind('rocr', 'Rate of change, ratio (TA-Lib ROCR)', DEFAULT_ROC_PERIOD, 1, rocr, (p) => new RocrState(p));
export const momKind = momentumKind('mom', 'Momentum, x - x[-period] (TA-Lib MOM)', DEFAULT_ROC_PERIOD, 1, mom, (p) => new MomState(p));
export const cmoKind = momentumKind('cmo', 'Chande momentum oscillator, Wilder-smoothed (TA-Lib CMO)', DEFAULT_CMO_PERIOD, 2, cmo, (p) => new CmoState(p));

// BOP has no parameters: the empty object is its complete parameter set.
export type BopParams = Record<string, never>;
const BOP_DEFAULTS: BopParams = {};

export const bopKind: FeatureKind<BopParams> = {
  kind: 'bop', version: 1, description: 'Balance of power, (close - open) / (high - low) (TA-Lib BOP)', defaults: BOP_DEFAULTS,
  params: (partial, argument) => completeParams(partial, BOP_DEFAULTS, argument, () => undefined),
  outputs: () => ['value'],
  batch: (bars) => [bop(bars.open, bars.high, bars.low, bars.close)],
  stream() {
    const state = new BopState();
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.open, bar.high, bar.low, bar.close); return out; } };
  },
};
