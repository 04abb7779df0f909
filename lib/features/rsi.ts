// Relative Strength Index with Wilder smoothing, matching TA-Lib's RSI: the first value (index
// `period`) uses the plain means of the first `period` gains and losses; later values smooth them
// with avg = (avg * (period - 1) + new) * (1 / period). After a missing price the recursion restarts.
import { checkSeries, checkWindow, nanArray } from './check';
import { notInteger, seriesKind, type PriceSource } from './kind';

export const DEFAULT_RSI_PERIOD = 14;

/**
 * Streaming RSI in [0, 100]. Where prices did not move at all over the smoothing memory (average
 * gain and loss both zero) the value is 50, neutral; TA-Lib reports 0 there, which reads as "all
 * losses".
 */
export class RsiState {
  private run = 0; // consecutive finite prices
  private gain = 0;
  private loss = 0;
  private last = Number.NaN;
  constructor(readonly period: number = DEFAULT_RSI_PERIOD) {
    checkWindow('period', period, 2);
  }
  update(v: number): number {
    const period = this.period;
    if (v !== v) { this.run = 0; this.gain = 0; this.loss = 0; return Number.NaN; }
    this.run++;
    const prev = this.last;
    this.last = v;
    if (this.run === 1) return Number.NaN;
    const diff = v - prev;
    const up = diff > 0 ? diff : 0;
    const down = diff < 0 ? -diff : 0;
    if (this.run <= period) { this.gain += up; this.loss += down; return Number.NaN; }
    // TA-Lib 0.8 multiplies by 1/period rather than dividing; the same operations in the same
    // order give bit-identical values.
    const inv = 1 / period;
    if (this.run === period + 1) {
      this.gain = (this.gain + up) * inv;
      this.loss = (this.loss + down) * inv;
    } else {
      this.gain = (this.gain * (period - 1) + up) * inv;
      this.loss = (this.loss * (period - 1) + down) * inv;
    }
    return this.gain + this.loss === 0 ? 50 : 100 * (this.gain / (this.gain + this.loss));
  }
}

export function rsi(close: Float64Array, period: number = DEFAULT_RSI_PERIOD): Float64Array {
  checkSeries('close', close);
  const state = new RsiState(period);
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) out[t] = state.update(close[t]!);
  return out;
}

export interface RsiParams { readonly period: number; readonly source: PriceSource }

export const rsiKind = seriesKind<RsiParams>({
  kind: 'rsi', version: 1, description: 'Relative Strength Index, Wilder smoothing (TA-Lib RSI; 50 where flat)',
  defaults: { period: DEFAULT_RSI_PERIOD, source: 'close' },
  check: (_key, value) => notInteger(value, 2),
  kernel: (x, p) => rsi(x, p.period),
  state: (p) => new RsiState(p.period),
});
