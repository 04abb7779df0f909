// Wilder's directional movement system with TA-Lib's conventions (PLUS_DM, MINUS_DM, PLUS_DI,
// MINUS_DI, DX, ADX, ADXR). One state computes every output, each with TA-Lib's warm-up:
//   DM from bar period-1 (the plain sum of the first period-1 one-bar DMs, then
//     dm = dm - dm/period + dm1, Wilder's smoothing in running-sum form),
//   DI and DX from bar period, ADX from bar 2*period-1 (mean of the first `period` DX, then
//   adx = (adx*(period-1) + dx)/period), ADXR from bar 3*period-2: (adx + adx[period-1 bars ago])/2.
// Zero rules follow TA-Lib: DI is 0 where the smoothed true range is zero; where DX is undefined
// (zero range, or +DI + -DI = 0) it is 0 on its first bar and repeats its previous value later, and
// ADX keeps its value (the initial mean skips the bar). The tests are exact zeros, as in the TA-Lib
// C library 0.8.1 bundled with the ta-lib 0.8.2 wheel (it computes DI from a smoothed range of
// 1e-23; older releases used a fixed 1e-8 band). A bar with a missing high, low or close is NaN and
// the next bar starts a new history.
import { checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import { checkColumns } from './ta-support';

export const DEFAULT_DIRECTIONAL_PERIOD = 14;

/** How far a DirectionalState computes: a kind that needs only DM skips the divisions of DI and ADX. */
export type DirectionalStage = 'dm' | 'dx' | 'adx';
const STAGE_RANK: Readonly<Record<DirectionalStage, number>> = { dm: 0, dx: 1, adx: 2 };

export class DirectionalState {
  // Number fields start as NaN, not 0, so V8 stores them as doubles from the first object on and
  // the optimised kernels never meet a field-representation change (which deoptimises them).
  private run = 0; // bars since the last gap
  private prevHigh = Number.NaN;
  private prevLow = Number.NaN;
  private prevClose = Number.NaN;
  private dmPlus = Number.NaN;
  private dmMinus = Number.NaN;
  private tr = Number.NaN;
  private sumDx = Number.NaN;
  private adxCount = 0;
  private adxSlot = 0;
  private readonly adxHistory: Float64Array;
  private readonly rank: number;
  /** First bar (since a gap) handled by the short steady-state path of update. */
  private readonly steadyFrom: number;
  // Wilder's x/period as x*(1/period): the loop-carried divisions were most of the cost; the
  // results stay within a few ulps of TA-Lib's.
  private readonly inverse: number;
  plusDm = Number.NaN;
  minusDm = Number.NaN;
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  dx = Number.NaN;
  adx = Number.NaN;
  adxr = Number.NaN;

  /** `stage` limits the work: 'dm' fills plusDm/minusDm only, 'dx' adds DI and DX, 'adx' (default) all. */
  constructor(readonly period: number = DEFAULT_DIRECTIONAL_PERIOD, stage: DirectionalStage = 'adx') {
    checkWindow('period', period, 2);
    this.adxHistory = new Float64Array(period - 1);
    this.rank = STAGE_RANK[stage];
    this.steadyFrom = stage === 'adx' ? 2 * period : stage === 'dx' ? period + 1 : period;
    this.inverse = 1 / period;
  }

  // The per-bar path is kept small so V8 inlines it into the kernel loop (a call that is not
  // inlined boxes its three double arguments on the heap, tripling the cost); warm-up and gaps
  // take the out-of-line path.
  update(high: number, low: number, close: number): void {
    if (this.run < this.steadyFrom || high !== high || low !== low || close !== close) { this.warmUp(high, low, close); return; }
    this.run++;
    this.accumulate(high, low, close, this.inverse);
    this.plusDm = this.dmPlus; this.minusDm = this.dmMinus;
    if (this.rank === 0) return;
    const defined = this.directional();
    if (this.rank === 1) return;
    if (defined) this.adx = (this.adx * (this.period - 1) + this.dx) * this.inverse;
    this.pushAdx();
  }

  private warmUp(high: number, low: number, close: number): void {
    if (high !== high || low !== low || close !== close) { this.restart(); return; }
    const p = this.period;
    const r = this.run++;
    if (r === 0) {
      this.prevHigh = high; this.prevLow = low; this.prevClose = close;
      this.dmPlus = 0; this.dmMinus = 0; this.tr = 0; this.sumDx = 0;
      return;
    }
    // Bars 1..period-1 are summed (decay 0), later ones smoothed.
    this.accumulate(high, low, close, r < p ? 0 : this.inverse);
    if (r < p - 1) return;
    this.plusDm = this.dmPlus; this.minusDm = this.dmMinus;
    if (r === p - 1 || this.rank === 0) return;
    const defined = this.directional();
    if (!defined && r === p) this.dx = 0;
    if (this.rank === 1) return;
    if (defined) this.sumDx += this.dx;
    if (r === 2 * p - 1) {
      this.adx = this.sumDx * this.inverse;
      this.pushAdx();
    }
  }

  /** One-bar DM and true range, folded into the running DM and TR with dm = dm - dm*decay + dm1. */
  private accumulate(high: number, low: number, close: number, decay: number): void {
    // One-bar DM: the larger part of today's range outside yesterday's; none on a tie.
    const diffP = high - this.prevHigh;
    const diffM = this.prevLow - low;
    let plus = 0;
    let minus = 0;
    if (diffM > 0 && diffP < diffM) minus = diffM;
    else if (diffP > 0 && diffP > diffM) plus = diffP;
    const prevClose = this.prevClose;
    let range = high - low;
    const up = Math.abs(high - prevClose);
    if (up > range) range = up;
    const down = Math.abs(low - prevClose);
    if (down > range) range = down;
    this.prevHigh = high; this.prevLow = low; this.prevClose = close;
    const dmPlus = this.dmPlus - this.dmPlus * decay + plus;
    const dmMinus = this.dmMinus - this.dmMinus * decay + minus;
    this.dmPlus = dmPlus; this.dmMinus = dmMinus;
    this.tr = this.tr - this.tr * decay + range;
  }

  /** Sets +DI, -DI and, where defined, DX; returns whether DX was defined this bar. */
  private directional(): boolean {
    const tr = this.tr;
    if (tr === 0) { this.plusDi = 0; this.minusDi = 0; return false; }
    const minusDi = 100 * (this.dmMinus / tr);
    const plusDi = 100 * (this.dmPlus / tr);
    this.plusDi = plusDi; this.minusDi = minusDi;
    const sum = minusDi + plusDi;
    if (sum === 0) return false;
    this.dx = 100 * (Math.abs(minusDi - plusDi) / sum);
    return true;
  }

  /** Records this bar's ADX; ADXR once the ADX of period-1 bars ago exists (the slot about to be overwritten). */
  private pushAdx(): void {
    const history = this.adxHistory;
    const slot = this.adxSlot;
    if (this.adxCount >= history.length) this.adxr = (this.adx + history[slot]!) / 2;
    history[slot] = this.adx;
    this.adxSlot = slot + 1 === history.length ? 0 : slot + 1;
    this.adxCount++;
  }

  private restart(): void {
    this.run = 0; this.adxCount = 0; this.adxSlot = 0;
    this.plusDm = Number.NaN; this.minusDm = Number.NaN; this.plusDi = Number.NaN; this.minusDi = Number.NaN;
    this.dx = Number.NaN; this.adx = Number.NaN; this.adxr = Number.NaN;
  }
}

export interface DirectionalMovement { readonly plusDm: Float64Array; readonly minusDm: Float64Array }
export interface AverageDirectionalIndex { readonly adx: Float64Array; readonly plusDi: Float64Array; readonly minusDi: Float64Array }

/** Smoothed +DM and -DM (TA-Lib PLUS_DM, MINUS_DM), from bar period-1. */
export function directionalMovement(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_DIRECTIONAL_PERIOD): DirectionalMovement {
  const n = checkColumns({ high, low, close });
  const state = new DirectionalState(period, 'dm');
  // The result object is built before the loop: V8 compiles the hot loop on the first call, and an
  // object literal it has not yet seen run after the loop would throw that code away every call.
  const result = { plusDm: nanArray(n), minusDm: nanArray(n) };
  const { plusDm, minusDm } = result;
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    plusDm[t] = state.plusDm;
    minusDm[t] = state.minusDm;
  }
  return result;
}

/** ADX with the +DI and -DI it is built from (TA-Lib ADX, PLUS_DI, MINUS_DI). */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_DIRECTIONAL_PERIOD): AverageDirectionalIndex {
  const n = checkColumns({ high, low, close });
  const state = new DirectionalState(period);
  const result = { adx: nanArray(n), plusDi: nanArray(n), minusDi: nanArray(n) }; // before the loop: see directionalMovement
  const { adx: adxOut, plusDi, minusDi } = result;
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    adxOut[t] = state.adx;
    plusDi[t] = state.plusDi;
    minusDi[t] = state.minusDi;
  }
  return result;
}

/** Directional movement index 100 * |+DI - -DI| / (+DI + -DI) (TA-Lib DX), from bar `period`. */
export function dx(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_DIRECTIONAL_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new DirectionalState(period, 'dx');
  const out = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    out[t] = state.dx;
  }
  return out;
}

/** ADX rating (ADX + ADX of period-1 bars ago) / 2 (TA-Lib ADXR), from bar 3*period-2. */
export function adxr(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_DIRECTIONAL_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new DirectionalState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    out[t] = state.adxr;
  }
  return out;
}

export interface DirectionalParams { readonly period: number }

const defaults: DirectionalParams = { period: DEFAULT_DIRECTIONAL_PERIOD };

function directionalKind(kind: string, description: string, outputs: readonly string[], stage: DirectionalStage,
  batch: (h: Float64Array, l: Float64Array, c: Float64Array, period: number) => Float64Array[],
  read: (state: DirectionalState, out: Float64Array) => void): FeatureKind<DirectionalParams> {
  return {
    kind, version: 1, description, defaults,
    params: (partial, argument) => completeParams(partial, defaults, argument, (_key, value) => notInteger(value, 2)),
    outputs: () => outputs,
    batch: (bars, p) => batch(bars.high, bars.low, bars.close, p.period),
    stream(p) {
      const state = new DirectionalState(p.period, stage);
      const out = new Float64Array(outputs.length);
      return { update(bar) { state.update(bar.high, bar.low, bar.close); read(state, out); return out; } };
    },
  };
}

export const adxKind = directionalKind('adx', 'Average directional index with +DI and -DI, Wilder smoothing (TA-Lib ADX, PLUS_DI, MINUS_DI)',
  ['adx', 'plusDi', 'minusDi'], 'adx',
  (h, l, c, p) => { const r = adx(h, l, c, p); return [r.adx, r.plusDi, r.minusDi]; },
  (s, out) => { out[0] = s.adx; out[1] = s.plusDi; out[2] = s.minusDi; });

export const dmKind = directionalKind('dm', 'Smoothed directional movement +DM and -DM (TA-Lib PLUS_DM, MINUS_DM)',
  ['plusDm', 'minusDm'], 'dm',
  (h, l, c, p) => { const r = directionalMovement(h, l, c, p); return [r.plusDm, r.minusDm]; },
  (s, out) => { out[0] = s.plusDm; out[1] = s.minusDm; });

export const dxKind = directionalKind('dx', 'Directional movement index (TA-Lib DX)', ['value'], 'dx',
  (h, l, c, p) => [dx(h, l, c, p)],
  (s, out) => { out[0] = s.dx; });

export const adxrKind = directionalKind('adxr', 'Average directional index rating (TA-Lib ADXR)', ['value'], 'adx',
  (h, l, c, p) => [adxr(h, l, c, p)],
  (s, out) => { out[0] = s.adxr; });
