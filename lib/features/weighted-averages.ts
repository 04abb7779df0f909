// Weighted and multi-stage moving averages with TA-Lib's conventions (WMA, DEMA, TEMA, TRIMA, KAMA,
// T3, TRIX): NaN until TA-Lib's first output index. A missing value (NaN) restarts the average:
// the next value appears after a full warm-up of fresh bars, as on a series that starts after the
// gap (windowed averages therefore give NaN exactly for the windows that hold the gap).
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notNumberAbove, notSource, seriesKind, sourceColumn, sourceValue, type FeatureKind, type PriceSource } from './kind';
import { EmaState } from './moving-average';
import { periodOrSource, RestartingSma } from './ta-support';

/** TA-Lib's default period of WMA, DEMA, TEMA, TRIMA, KAMA and TRIX. */
export const DEFAULT_AVERAGE_PERIOD = 30;
export const DEFAULT_T3_PERIOD = 5;
export const DEFAULT_T3_VFACTOR = 0.7;

/**
 * Linearly weighted average, weights 1..period (newest heaviest), with TA-Lib's classic O(1)
 * update of a plain and a weighted sum (within 3e-13 relative of TA-Lib 0.8 on the S&P sample).
 */
export class WmaState {
  private readonly ring: Float64Array;
  private readonly divider: number;
  private next = 0;
  private run = 0;
  private plain = 0;
  private weighted = 0;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    checkWindow('period', period);
    this.ring = new Float64Array(period);
    this.divider = (period * (period + 1)) / 2;
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; this.plain = 0; this.weighted = 0; return Number.NaN; }
    const p = this.period;
    const old = this.ring[this.next]!; // the value `period` bars ago, once run > period
    this.ring[this.next] = x;
    this.next = this.next + 1 === p ? 0 : this.next + 1;
    this.run++;
    if (this.run < p) { this.plain += x; this.weighted += x * this.run; return Number.NaN; }
    this.plain += x;
    if (this.run > p) this.plain -= old;
    this.weighted += x * p;
    const out = this.weighted / this.divider;
    this.weighted -= this.plain; // every weight drops by one for the next bar
    return out;
  }
}

/** Double EMA, 2 * EMA - EMA(EMA) (Mulloy); first value at 2 * (period - 1). */
export class DemaState {
  private readonly e1: EmaState;
  private readonly e2: EmaState;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    this.e1 = new EmaState(period);
    this.e2 = new EmaState(period);
  }
  update(x: number): number {
    const a = this.e1.update(x);
    const b = this.e2.update(a); // NaN during e1's warm-up keeps e2 unseeded
    return 2 * a - b;
  }
}

/** Triple EMA, 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)); first value at 3 * (period - 1). */
export class TemaState {
  private readonly e1: EmaState;
  private readonly e2: EmaState;
  private readonly e3: EmaState;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    this.e1 = new EmaState(period);
    this.e2 = new EmaState(period);
    this.e3 = new EmaState(period);
  }
  update(x: number): number {
    const a = this.e1.update(x);
    const b = this.e2.update(a);
    const c = this.e3.update(b);
    return c + (3 * a - 3 * b);
  }
}

/**
 * Triangular moving average: an SMA of an SMA whose lengths add up to period + 1, i.e. weights
 * 1, 2, .., 2, 1 over `period` bars (TA-Lib's TRIMA).
 */
export class TrimaState {
  private readonly inner: RestartingSma;
  private readonly outer: RestartingSma;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    checkWindow('period', period);
    // Odd: (p+1)/2 twice. Even: p/2 then p/2 + 1 (same weights either order).
    const first = period % 2 === 1 ? (period + 1) / 2 : period / 2;
    this.inner = new RestartingSma(first);
    this.outer = new RestartingSma(period + 1 - first);
  }
  update(x: number): number {
    return this.outer.update(this.inner.update(x));
  }
}

const KAMA_SLOWEST = 2 / (30 + 1);
const KAMA_SPREAD = 2 / (2 + 1) - KAMA_SLOWEST;

/**
 * Kaufman's adaptive moving average: an EMA whose factor is ((er * (2/3 - 2/31)) + 2/31)^2 with
 * er = |x - x[-period]| / sum |x - x[-1]| over `period` changes (er = 1 where the path is no
 * longer than the change, including a window without any move, as TA-Lib 0.8). Seeded, as
 * TA-Lib, with the previous price; first value at index `period`. Operation order follows
 * ta_KAMA.c.
 */
export class KamaState {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0;
  private pathLength = 0; // sum of |1-bar changes| over the window (sumROC1)
  private still = 0; // consecutive unchanged bars
  private trailing = Number.NaN; // x[-period-1], whose change leaves the window next
  private last = Number.NaN;
  private kama = Number.NaN;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    checkWindow('period', period, 2);
    this.ring = new Float64Array(period);
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; this.pathLength = 0; this.still = 0; return Number.NaN; }
    const p = this.period;
    const old = this.ring[this.next]!; // x[-period] once run >= period
    this.ring[this.next] = x;
    this.next = this.next + 1 === p ? 0 : this.next + 1;
    const prev = this.last;
    this.last = x;
    const run = this.run++;
    if (run === 0) return Number.NaN;
    this.still = x === prev ? this.still + 1 : 0;
    if (run < p) { this.pathLength += Math.abs(prev - x); return Number.NaN; }
    if (run === p) {
      this.pathLength += Math.abs(prev - x);
      this.kama = prev;
    } else {
      this.pathLength -= Math.abs(this.trailing - old);
      this.pathLength += Math.abs(x - prev);
    }
    this.trailing = old;
    // A window without any move has path length 0, but the running sum holds rounding residue:
    // drop it, so the flat window gets TA-Lib's efficiency ratio 1 instead of residue / residue.
    if (this.still >= p) this.pathLength = 0;
    const change = x - old;
    const er = this.pathLength <= change || this.pathLength === 0 ? 1 : Math.abs(change / this.pathLength);
    let sc = er * KAMA_SPREAD + KAMA_SLOWEST;
    sc *= sc;
    this.kama = (x - this.kama) * sc + this.kama;
    return this.kama;
  }
}

/**
 * Tillson's T3: six chained EMAs (k = 2/(period+1), each seeded with the mean of its input's first
 * `period` values) combined with the volume factor v; first value at 6 * (period - 1).
 */
export class T3State {
  // Six named fields, not an array: the chain runs once per bar and stays monomorphic.
  private readonly e1: EmaState; private readonly e2: EmaState; private readonly e3: EmaState;
  private readonly e4: EmaState; private readonly e5: EmaState; private readonly e6: EmaState;
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private readonly c4: number;
  constructor(readonly period: number = DEFAULT_T3_PERIOD, readonly vFactor: number = DEFAULT_T3_VFACTOR) {
    checkWindow('period', period);
    this.e1 = new EmaState(period); this.e2 = new EmaState(period); this.e3 = new EmaState(period);
    this.e4 = new EmaState(period); this.e5 = new EmaState(period); this.e6 = new EmaState(period);
    const v2 = vFactor * vFactor;
    this.c1 = -(v2 * vFactor);
    this.c2 = 3 * (v2 - this.c1);
    this.c3 = -6 * v2 - 3 * (vFactor - this.c1);
    this.c4 = 1 + 3 * vFactor - this.c1 + 3 * v2;
  }
  update(x: number): number {
    const e1 = this.e1.update(x);
    const e2 = this.e2.update(e1);
    const e3 = this.e3.update(e2);
    const e4 = this.e4.update(e3);
    const e5 = this.e5.update(e4);
    const e6 = this.e6.update(e5);
    return this.c1 * e6 + this.c2 * e5 + this.c3 * e4 + this.c4 * e3;
  }
}

/** TRIX: 1-bar rate of change, in percent, of a triple EMA; first value at 3 * (period - 1) + 1. */
export class TrixState {
  private readonly e1: EmaState;
  private readonly e2: EmaState;
  private readonly e3: EmaState;
  private prev = Number.NaN;
  constructor(readonly period: number = DEFAULT_AVERAGE_PERIOD) {
    this.e1 = new EmaState(period);
    this.e2 = new EmaState(period);
    this.e3 = new EmaState(period);
  }
  update(x: number): number {
    const e = this.e3.update(this.e2.update(this.e1.update(x)));
    const prev = this.prev;
    this.prev = e;
    // TA-Lib's ROC: 0 where the previous value is 0.
    return prev === 0 ? 0 : (e / prev - 1) * 100;
  }
}

// Each kernel has its own loop so the update call site stays monomorphic (inlined by V8).

export function wma(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new WmaState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function dema(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new DemaState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function tema(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new TemaState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function trima(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new TrimaState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function kama(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new KamaState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function t3(x: Float64Array, period: number = DEFAULT_T3_PERIOD, vFactor: number = DEFAULT_T3_VFACTOR): Float64Array {
  checkSeries('x', x);
  const state = new T3State(period, vFactor);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export function trix(x: Float64Array, period: number = DEFAULT_AVERAGE_PERIOD): Float64Array {
  checkSeries('x', x);
  const state = new TrixState(period);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export interface AverageParams { readonly period: number; readonly source: PriceSource }

function periodKind(
  kind: string, description: string, period: number, min: number,
  kernel: (x: Float64Array, period: number) => Float64Array, state: (period: number) => { update(x: number): number },
): FeatureKind<AverageParams> {
  return seriesKind<AverageParams>({
    kind, version: 1, description, defaults: { period, source: 'close' },
    check: periodOrSource(min),
    kernel: (x, p) => kernel(x, p.period),
    state: (p) => state(p.period),
  });
}

export const wmaKind = periodKind('wma', 'Linearly weighted moving average (TA-Lib WMA)', DEFAULT_AVERAGE_PERIOD, 2, wma, (p) => new WmaState(p));
export const demaKind = periodKind('dema', 'Double exponential moving average (TA-Lib DEMA)', DEFAULT_AVERAGE_PERIOD, 2, dema, (p) => new DemaState(p));
export const temaKind = periodKind('tema', 'Triple exponential moving average (TA-Lib TEMA)', DEFAULT_AVERAGE_PERIOD, 2, tema, (p) => new TemaState(p));
export const trimaKind = periodKind('trima', 'Triangular moving average (TA-Lib TRIMA)', DEFAULT_AVERAGE_PERIOD, 2, trima, (p) => new TrimaState(p));
export const kamaKind = periodKind('kama', "Kaufman's adaptive moving average (TA-Lib KAMA)", DEFAULT_AVERAGE_PERIOD, 2, kama, (p) => new KamaState(p));
export const trixKind = periodKind('trix', 'Rate of change of a triple EMA, percent (TA-Lib TRIX)', DEFAULT_AVERAGE_PERIOD, 1, trix, (p) => new TrixState(p));

export interface T3Params { readonly period: number; readonly vFactor: number; readonly source: PriceSource }

const T3_DEFAULTS: T3Params = { period: DEFAULT_T3_PERIOD, vFactor: DEFAULT_T3_VFACTOR, source: 'close' };

function checkT3(key: keyof T3Params, value: unknown): string | [string, string] | undefined {
  if (key === 'source') return notSource(value);
  if (key === 'period') return notInteger(value, 2);
  const problem = notNumberAbove(value, 0, true) ?? (typeof value === 'number' && value > 1 ? 'must be at most 1' : undefined);
  return problem === undefined ? undefined : [problem, 'pass a volume factor in [0, 1], e.g. 0.7'];
}

export const t3Kind: FeatureKind<T3Params> = {
  kind: 't3', version: 1, description: "Tillson's T3 moving average (TA-Lib T3)", defaults: T3_DEFAULTS,
  params: (partial, argument) => completeParams(partial, T3_DEFAULTS, argument, checkT3),
  outputs: () => ['value'],
  batch: (bars, p) => [t3(sourceColumn(bars, p.source), p.period, p.vFactor)],
  stream(p) {
    const state = new T3State(p.period, p.vFactor);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(sourceValue(bar, p.source)); return out; } };
  },
};
