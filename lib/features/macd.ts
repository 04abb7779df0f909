// MACD and the price oscillators APO / PPO with TA-Lib's conventions. TA-Lib's MACD starts both
// EMAs at the same bar: the fast EMA is not seeded on the first `fast` bars but on the `fast` bars
// that end where the slow EMA's seed ends (bar slow - 1), so the two lines begin aligned
// (AlignedEmaState). APO and PPO do not align: in TA-Lib 0.8 each average runs from the first bar.
// A missing value (NaN) restarts the indicator, as on a series that starts after the gap.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notSource, sourceColumn, sourceValue, type FeatureKind, type PriceSource } from './kind';
import { EmaState } from './moving-average';
import { checkShorter, RestartingSma } from './ta-support';

export const DEFAULT_MACD_FAST = 12;
export const DEFAULT_MACD_SLOW = 26;
export const DEFAULT_MACD_SIGNAL = 9;

/** Moving average used by APO and PPO (TA-Lib's MA types SMA = 0, EMA = 1). */
export type OscillatorMaType = 'sma' | 'ema';
/** TA-Lib 0.8's default for APO and PPO is the EMA (matype 1). */
export const DEFAULT_OSCILLATOR_MA: OscillatorMaType = 'ema';
export const OSCILLATOR_MA_TYPES: readonly OscillatorMaType[] = ['sma', 'ema'];

/**
 * EMA (k = 2 / (window + 1)) whose first value is at bar `startAt` (counted from the first bar or
 * the last gap), seeded with the mean of the `window` values ending there. With startAt =
 * window - 1 it is TA-Lib's plain EMA; a later start is how TA-Lib aligns MACD's fast EMA.
 */
export class AlignedEmaState {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0;
  private prev = Number.NaN;
  readonly k: number;
  constructor(readonly window: number, readonly startAt: number = window - 1) {
    checkWindow('window', window);
    checkWindow('startAt', startAt, window - 1);
    this.ring = new Float64Array(window);
    this.k = 2 / (window + 1);
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; this.prev = Number.NaN; return Number.NaN; }
    const run = this.run++;
    if (run <= this.startAt) {
      const w = this.window;
      this.ring[this.next] = x;
      this.next = this.next + 1 === w ? 0 : this.next + 1;
      if (run < this.startAt) return Number.NaN;
      let sum = 0; // oldest first, as TA-Lib sums its seed
      for (let i = 0, j = this.next; i < w; i++, j = j + 1 === w ? 0 : j + 1) sum += this.ring[j]!;
      this.prev = sum / w;
      return this.prev;
    }
    this.prev = (x - this.prev) * this.k + this.prev;
    return this.prev;
  }
}

/**
 * MACD line (fast EMA - slow EMA), its signal line (EMA of the MACD line) and the histogram
 * (MACD - signal). Like TA-Lib, all three are NaN until the signal exists, at bar
 * slow + signal - 2. Read `macd`, `signal`, `hist` after each update.
 */
export class MacdState {
  private readonly fast: AlignedEmaState;
  private readonly slow: EmaState;
  private readonly smooth: EmaState;
  macd = Number.NaN;
  signal = Number.NaN;
  hist = Number.NaN;
  constructor(
    readonly fastPeriod: number = DEFAULT_MACD_FAST, readonly slowPeriod: number = DEFAULT_MACD_SLOW,
    readonly signalPeriod: number = DEFAULT_MACD_SIGNAL,
  ) {
    checkWindow('fastPeriod', fastPeriod);
    checkWindow('slowPeriod', slowPeriod);
    checkShorter('MacdState', 'fastPeriod', fastPeriod, 'slowPeriod', slowPeriod);
    this.fast = new AlignedEmaState(fastPeriod, slowPeriod - 1);
    this.slow = new EmaState(slowPeriod);
    this.smooth = new EmaState(signalPeriod);
  }
  update(x: number): void {
    const line = this.fast.update(x) - this.slow.update(x);
    const signal = this.smooth.update(line);
    if (signal !== signal) { this.macd = Number.NaN; this.signal = Number.NaN; this.hist = Number.NaN; return; }
    this.macd = line;
    this.signal = signal;
    this.hist = line - signal;
  }
}

export interface MacdResult { readonly macd: Float64Array; readonly signal: Float64Array; readonly hist: Float64Array }

export function macd(
  x: Float64Array, fastPeriod: number = DEFAULT_MACD_FAST, slowPeriod: number = DEFAULT_MACD_SLOW,
  signalPeriod: number = DEFAULT_MACD_SIGNAL,
): MacdResult {
  checkSeries('x', x);
  const state = new MacdState(fastPeriod, slowPeriod, signalPeriod);
  const n = x.length;
  const line = nanArray(n), signal = nanArray(n), hist = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(x[t]!);
    line[t] = state.macd; signal[t] = state.signal; hist[t] = state.hist;
  }
  return { macd: line, signal, hist };
}

/**
 * Price oscillator: fast MA - slow MA (APO), or 100 * (fast - slow) / slow (PPO; 0 where the slow
 * average is zero, as TA-Lib). Both averages start at their own warm-up; the first value is at
 * bar slow - 1.
 */
export class PriceOscillatorState {
  private readonly fast: RestartingSma | EmaState;
  private readonly slow: RestartingSma | EmaState;
  constructor(
    readonly fastPeriod: number, readonly slowPeriod: number, readonly maType: OscillatorMaType, readonly percent: boolean,
  ) {
    checkWindow('fastPeriod', fastPeriod);
    checkWindow('slowPeriod', slowPeriod);
    checkShorter('PriceOscillatorState', 'fastPeriod', fastPeriod, 'slowPeriod', slowPeriod);
    if (maType === 'ema') {
      this.fast = new EmaState(fastPeriod);
      this.slow = new EmaState(slowPeriod);
    } else {
      this.fast = new RestartingSma(fastPeriod);
      this.slow = new RestartingSma(slowPeriod);
    }
  }
  update(x: number): number {
    const f = this.fast.update(x);
    const s = this.slow.update(x);
    if (!this.percent) return f - s;
    if (f !== f || s !== s) return Number.NaN;
    return s === 0 ? 0 : ((f - s) / s) * 100;
  }
}

function oscillator(x: Float64Array, fastPeriod: number, slowPeriod: number, maType: OscillatorMaType, percent: boolean): Float64Array {
  checkSeries('x', x);
  const state = new PriceOscillatorState(fastPeriod, slowPeriod, maType, percent);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

/** Absolute price oscillator, fast MA - slow MA (TA-Lib APO; its default MA is the EMA). */
export function apo(x: Float64Array, fastPeriod = DEFAULT_MACD_FAST, slowPeriod = DEFAULT_MACD_SLOW, maType = DEFAULT_OSCILLATOR_MA): Float64Array {
  return oscillator(x, fastPeriod, slowPeriod, maType, false);
}

/** Percentage price oscillator, 100 * (fast - slow) / slow (TA-Lib PPO; its default MA is the EMA). */
export function ppo(x: Float64Array, fastPeriod = DEFAULT_MACD_FAST, slowPeriod = DEFAULT_MACD_SLOW, maType = DEFAULT_OSCILLATOR_MA): Float64Array {
  return oscillator(x, fastPeriod, slowPeriod, maType, true);
}

export interface MacdParams {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  readonly source: PriceSource;
}

const MACD_DEFAULTS: MacdParams = { fastPeriod: DEFAULT_MACD_FAST, slowPeriod: DEFAULT_MACD_SLOW, signalPeriod: DEFAULT_MACD_SIGNAL, source: 'close' };

export const macdKind: FeatureKind<MacdParams> = {
  kind: 'macd', version: 1, description: 'MACD line, signal and histogram (TA-Lib MACD, aligned EMAs)', defaults: MACD_DEFAULTS,
  params(partial, argument) {
    const p = completeParams(partial, MACD_DEFAULTS, argument, (key, value) => (key === 'source' ? notSource(value) : notInteger(value, key === 'signalPeriod' ? 1 : 2)));
    checkShorter(argument, 'fastPeriod', p.fastPeriod, 'slowPeriod', p.slowPeriod);
    return p;
  },
  outputs: () => ['macd', 'signal', 'hist'],
  batch(bars, p) {
    const r = macd(sourceColumn(bars, p.source), p.fastPeriod, p.slowPeriod, p.signalPeriod);
    return [r.macd, r.signal, r.hist];
  },
  stream(p) {
    const state = new MacdState(p.fastPeriod, p.slowPeriod, p.signalPeriod);
    const out = new Float64Array(3);
    return {
      update(bar) {
        state.update(sourceValue(bar, p.source));
        out[0] = state.macd; out[1] = state.signal; out[2] = state.hist;
        return out;
      },
    };
  },
};

export interface OscillatorParams {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly maType: OscillatorMaType;
  readonly source: PriceSource;
}

const OSCILLATOR_DEFAULTS: OscillatorParams = { fastPeriod: DEFAULT_MACD_FAST, slowPeriod: DEFAULT_MACD_SLOW, maType: DEFAULT_OSCILLATOR_MA, source: 'close' };

function checkOscillator(key: keyof OscillatorParams, value: unknown): string | undefined {
  if (key === 'source') return notSource(value);
  if (key === 'maType') return OSCILLATOR_MA_TYPES.includes(value as OscillatorMaType) ? undefined : `must be one of ${OSCILLATOR_MA_TYPES.join(', ')}`;
  return notInteger(value, 2);
}

function oscillatorKind(kind: string, description: string, percent: boolean): FeatureKind<OscillatorParams> {
  return {
    kind, version: 1, description, defaults: OSCILLATOR_DEFAULTS,
    params(partial, argument) {
      const p = completeParams(partial, OSCILLATOR_DEFAULTS, argument, checkOscillator);
      checkShorter(argument, 'fastPeriod', p.fastPeriod, 'slowPeriod', p.slowPeriod);
      return p;
    },
    outputs: () => ['value'],
    batch: (bars, p) => [oscillator(sourceColumn(bars, p.source), p.fastPeriod, p.slowPeriod, p.maType, percent)],
    stream(p) {
      const state = new PriceOscillatorState(p.fastPeriod, p.slowPeriod, p.maType, percent);
      const out = new Float64Array(1);
      return { update(bar) { out[0] = state.update(sourceValue(bar, p.source)); return out; } };
    },
  };
}

export const apoKind = oscillatorKind('apo', 'Absolute price oscillator, fast MA - slow MA (TA-Lib APO)', false);
export const ppoKind = oscillatorKind('ppo', 'Percentage price oscillator, 100 * (fast - slow) / slow (TA-Lib PPO)', true);
