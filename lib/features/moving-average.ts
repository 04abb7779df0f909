// Moving averages with TA-Lib's conventions: output[t] covers x[t-window+1..t], NaN during the
// warm-up. A missing value (NaN) makes every window containing it NaN; the EMA, whose memory is
// unbounded, restarts after a gap with a fresh SMA seed instead of carrying NaN forever.
// Each average is a state updated bar by bar; the batch kernel loops over that state.
import { checkSeries, checkWindow, nanArray } from './check';
import { notInteger, seriesKind, type PriceSource } from './kind';
import { RollingSum } from './window';

/** Streaming simple moving average. */
export class SmaState {
  private readonly sum: RollingSum;
  constructor(readonly window: number) {
    checkWindow('window', window);
    this.sum = new RollingSum(window);
  }
  update(x: number): number {
    return this.sum.update(x) / this.window;
  }
}

/**
 * Streaming EMA with k = 2 / (window + 1) (or an explicit smoothing factor `k`, e.g. Wilder's
 * 1 / window), seeded like TA-Lib: the first value is the SMA of the first `window` values, then
 * ema = ema + k * (x - ema).
 */
export class EmaState {
  private run = 0; // finite values since the last gap
  private seedSum = 0;
  private prev = Number.NaN;
  readonly k: number;
  constructor(readonly window: number, k?: number) {
    checkWindow('window', window);
    this.k = k ?? 2 / (window + 1);
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; this.seedSum = 0; this.prev = Number.NaN; return Number.NaN; }
    this.run++;
    if (this.run < this.window) { this.seedSum += x; return Number.NaN; }
    if (this.run === this.window) this.prev = (this.seedSum + x) / this.window;
    else this.prev = (x - this.prev) * this.k + this.prev;
    return this.prev;
  }
}

/** Simple moving average over `window` bars. */
export function sma(x: Float64Array, window: number): Float64Array {
  checkSeries('x', x);
  const state = new SmaState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

/** Exponential moving average, k = 2 / (window + 1), TA-Lib's SMA seed. */
export function ema(x: Float64Array, window: number): Float64Array {
  checkSeries('x', x);
  const state = new EmaState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export interface MovingAverageParams { readonly window: number; readonly source: PriceSource }

export const smaKind = seriesKind<MovingAverageParams>({
  kind: 'sma', version: 1, description: 'Simple moving average (TA-Lib SMA)',
  defaults: { window: 20, source: 'close' },
  check: (_key, value) => notInteger(value, 1),
  kernel: (x, p) => sma(x, p.window),
  state: (p) => new SmaState(p.window),
});

export const emaKind = seriesKind<MovingAverageParams>({
  kind: 'ema', version: 1, description: 'Exponential moving average, k = 2/(window+1), SMA seed (TA-Lib EMA)',
  defaults: { window: 20, source: 'close' },
  check: (_key, value) => notInteger(value, 1),
  kernel: (x, p) => ema(x, p.window),
  state: (p) => new EmaState(p.window),
});
