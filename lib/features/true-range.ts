// True range and Wilder's Average True Range with TA-Lib's conventions (TRANGE, ATR, NATR):
// TR needs the previous close, so the first bar is NaN; ATR[period] is the plain mean of the first
// `period` true ranges (bars 1..period), then atr = (atr * (period - 1) + tr) / period in TA-Lib's
// operation order (within 1e-15 relative of TA-Lib's wheel, which fuses some steps into FMAs; TRANGE
// is bit-identical). A bar with a missing high, low or close is NaN, and the bar after it starts a
// fresh history (no previous close), so ATR warms up again instead of carrying NaN forever.
import { checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import { checkColumns } from './ta-support';

export const DEFAULT_ATR_PERIOD = 14;

/** Streaming true range: max(high - low, |high - prevClose|, |low - prevClose|). */
export class TrueRangeState {
  private prevClose = Number.NaN;

  update(high: number, low: number, close: number): number {
    const prev = this.prevClose;
    if (high !== high || low !== low || close !== close) {
      this.prevClose = Number.NaN;
      return Number.NaN;
    }
    this.prevClose = close;
    if (prev !== prev) return Number.NaN;
    // TA-Lib's comparison order, so ties and rounding agree.
    let range = high - low;
    const up = Math.abs(high - prev);
    if (up > range) range = up;
    const down = Math.abs(low - prev);
    if (down > range) range = down;
    return range;
  }
}

/** Streaming Wilder ATR; `natr` holds 100 * atr / close after each update (NaN where close is 0). */
export class AtrState {
  private readonly tr = new TrueRangeState();
  private run = 0; // finite true ranges since the last gap
  private sum = 0;
  private atr = Number.NaN;
  natr = Number.NaN;

  constructor(readonly period: number = DEFAULT_ATR_PERIOD) {
    checkWindow('period', period);
  }

  update(high: number, low: number, close: number): number {
    const tr = this.tr.update(high, low, close);
    const period = this.period;
    if (tr !== tr) {
      this.run = 0;
      this.sum = 0;
      this.natr = Number.NaN;
      return Number.NaN;
    }
    this.run++;
    if (this.run < period) {
      this.sum += tr;
      this.natr = Number.NaN;
      return Number.NaN;
    }
    this.atr = this.run === period ? (this.sum + tr) / period : (this.atr * (period - 1) + tr) / period;
    // TA-Lib reports 0 where close is 0; a ratio to a zero price is undefined, so NaN here.
    this.natr = close === 0 ? Number.NaN : (this.atr / close) * 100;
    return this.atr;
  }
}

/** True range per bar (TA-Lib TRANGE); NaN on the first bar and after a missing bar. */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new TrueRangeState();
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!);
  return out;
}

/** Wilder's Average True Range over `period` bars (TA-Lib ATR). */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_ATR_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new AtrState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!);
  return out;
}

/**
 * ATR as a percentage of the close (TA-Lib NATR), NaN where the close is 0. With period 1 this is
 * 100 * TR / close; TA-Lib's NATR(1) returns the raw true range instead.
 */
export function natr(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_ATR_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new AtrState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!, close[t]!);
    out[t] = state.natr;
  }
  return out;
}

export interface AtrParams { readonly period: number }

const atrDefaults: AtrParams = { period: DEFAULT_ATR_PERIOD };

function hlcKind(kind: string, description: string, kernel: (h: Float64Array, l: Float64Array, c: Float64Array, p: AtrParams) => Float64Array,
  pick: (state: AtrState, h: number, l: number, c: number) => number): FeatureKind<AtrParams> {
  return {
    kind, version: 1, description, defaults: atrDefaults,
    params: (partial, argument) => completeParams(partial, atrDefaults, argument, (_key, value) => notInteger(value, 1)),
    outputs: () => ['value'],
    batch: (bars, p) => [kernel(bars.high, bars.low, bars.close, p)],
    stream(p) {
      const state = new AtrState(p.period);
      const out = new Float64Array(1);
      return { update(bar) { out[0] = pick(state, bar.high, bar.low, bar.close); return out; } };
    },
  };
}

export const atrKind = hlcKind('atr', "Wilder's Average True Range (TA-Lib ATR)",
  (h, l, c, p) => atr(h, l, c, p.period), (s, h, l, c) => s.update(h, l, c));

export const natrKind = hlcKind('natr', 'ATR as a percentage of the close (TA-Lib NATR; NaN where close is 0)',
  (h, l, c, p) => natr(h, l, c, p.period), (s, h, l, c) => { s.update(h, l, c); return s.natr; });

export type TrueRangeParams = Record<string, never>;

export const trangeKind: FeatureKind<TrueRangeParams> = {
  kind: 'trange', version: 1, description: 'True range: max(high - low, |high - prevClose|, |low - prevClose|) (TA-Lib TRANGE)',
  defaults: {},
  params: (partial, argument) => completeParams(partial, {}, argument, () => undefined),
  outputs: () => ['value'],
  batch: (bars) => [trueRange(bars.high, bars.low, bars.close)],
  stream() {
    const state = new TrueRangeState();
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close); return out; } };
  },
};
