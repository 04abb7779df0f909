// Volume-weighted running totals with TA-Lib's conventions (OBV, AD, ADOSC). OBV and the
// Chaikin A/D line are cumulative: their level depends on where the history starts (OBV starts at
// the first bar's volume, as TA-Lib does) and only their changes carry information. A bar with a
// missing input is NaN and adds nothing; the total carries on after it (OBV compares the next
// price with the last one seen). ADOSC is EMA(fast) - EMA(slow) of the A/D line, both EMAs seeded
// with the first A/D value (not an SMA) and reported from bar max(fast, slow) - 1; after a gap the
// EMAs restart from the current A/D value, which equals TA-Lib run on the bars after the gap.
// OBV and AD agree with TA-Lib bit for bit. TA-Lib's wheel fuses its EMA step k*ad + (1-k)*ema
// into one FMA, which JavaScript lacks; the roundings differ by a few ulps of the A/D level
// (~1e-3 on the S&P 500's 1.5e12), which is 1e-9 of the oscillator except very near its zero
// crossings (worst on the sample: 8.6e-10, at a value of 3.6e4).
import { checkWindow, nanArray } from './check';
import { completeParams, notInteger, notSource, sourceColumn, sourceValue, type FeatureKind, type PriceSource } from './kind';
import { checkColumns } from './ta-support';

export const DEFAULT_ADOSC_FAST = 3;
export const DEFAULT_ADOSC_SLOW = 10;

/** Streaming On-Balance Volume: adds the volume on an up bar, subtracts it on a down bar. */
export class ObvState {
  private started = false;
  private prev = Number.NaN;
  private obv = Number.NaN;

  update(price: number, volume: number): number {
    if (price !== price || volume !== volume) return Number.NaN;
    if (!this.started) {
      this.started = true;
      this.prev = price;
      this.obv = volume;
      return this.obv;
    }
    if (price > this.prev) this.obv += volume;
    else if (price < this.prev) this.obv -= volume;
    this.prev = price;
    return this.obv;
  }
}

/**
 * Streaming Chaikin accumulation/distribution line: adds volume * ((close - low) - (high - close))
 * / (high - low) per bar; a bar with no range adds nothing.
 */
export class AdState {
  private ad = 0;

  update(high: number, low: number, close: number, volume: number): number {
    if (high !== high || low !== low || close !== close || volume !== volume) return Number.NaN;
    const range = high - low;
    // TA-Lib's operation order, so the running total agrees to the last bit.
    if (range > 0) this.ad += (close - low - (high - close)) / range * volume;
    return this.ad;
  }
}

/** Streaming Chaikin A/D oscillator: EMA(fastPeriod) - EMA(slowPeriod) of the A/D line. */
export class AdOscState {
  private readonly ad = new AdState();
  private readonly fastK: number;
  private readonly fastKeep: number;
  private readonly slowK: number;
  private readonly slowKeep: number;
  private readonly lookback: number;
  private run = 0; // bars since the last gap
  private fastEma = Number.NaN;
  private slowEma = Number.NaN;

  constructor(readonly fastPeriod: number = DEFAULT_ADOSC_FAST, readonly slowPeriod: number = DEFAULT_ADOSC_SLOW) {
    checkWindow('fastPeriod', fastPeriod, 2);
    checkWindow('slowPeriod', slowPeriod, 2);
    this.fastK = 2 / (fastPeriod + 1);
    this.fastKeep = 1 - this.fastK;
    this.slowK = 2 / (slowPeriod + 1);
    this.slowKeep = 1 - this.slowK;
    this.lookback = Math.max(fastPeriod, slowPeriod) - 1;
  }

  update(high: number, low: number, close: number, volume: number): number {
    const ad = this.ad.update(high, low, close, volume);
    if (ad !== ad) { this.run = 0; return Number.NaN; }
    if (this.run === 0) {
      this.fastEma = ad;
      this.slowEma = ad;
    } else {
      this.fastEma = this.fastK * ad + this.fastKeep * this.fastEma;
      this.slowEma = this.slowK * ad + this.slowKeep * this.slowEma;
    }
    return this.run++ >= this.lookback ? this.fastEma - this.slowEma : Number.NaN;
  }
}

/** On-Balance Volume over `price` (TA-Lib OBV), starting at the first bar's volume. */
export function obv(price: Float64Array, volume: Float64Array): Float64Array {
  const n = checkColumns({ price, volume });
  const state = new ObvState();
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(price[t]!, volume[t]!);
  return out;
}

/** Chaikin accumulation/distribution line (TA-Lib AD), starting from 0 before the first bar. */
export function accumulationDistribution(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): Float64Array {
  const n = checkColumns({ high, low, close, volume });
  const state = new AdState();
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!, volume[t]!);
  return out;
}

/** Chaikin A/D oscillator (TA-Lib ADOSC), from bar max(fastPeriod, slowPeriod) - 1. */
export function adOscillator(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array,
  fastPeriod: number = DEFAULT_ADOSC_FAST, slowPeriod: number = DEFAULT_ADOSC_SLOW): Float64Array {
  const n = checkColumns({ high, low, close, volume });
  const state = new AdOscState(fastPeriod, slowPeriod);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!, volume[t]!);
  return out;
}

export interface ObvParams { readonly source: PriceSource }

const obvDefaults: ObvParams = { source: 'close' };

export const obvKind: FeatureKind<ObvParams> = {
  kind: 'obv', version: 1, description: "On-Balance Volume, starting at the first bar's volume (TA-Lib OBV)",
  defaults: obvDefaults,
  params: (partial, argument) => completeParams(partial, obvDefaults, argument, (_key, value) => notSource(value)),
  outputs: () => ['value'],
  batch: (bars, p) => [obv(sourceColumn(bars, p.source), bars.volume)],
  stream(p) {
    const state = new ObvState();
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(sourceValue(bar, p.source), bar.volume); return out; } };
  },
};

export type AdParams = Record<string, never>;

export const adKind: FeatureKind<AdParams> = {
  kind: 'ad', version: 1, description: 'Chaikin accumulation/distribution line (TA-Lib AD)',
  defaults: {},
  params: (partial, argument) => completeParams(partial, {}, argument, () => undefined),
  outputs: () => ['value'],
  batch: (bars) => [accumulationDistribution(bars.high, bars.low, bars.close, bars.volume)],
  stream() {
    const state = new AdState();
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close, bar.volume); return out; } };
  },
};

export interface AdOscParams { readonly fastPeriod: number; readonly slowPeriod: number }

const adoscDefaults: AdOscParams = { fastPeriod: DEFAULT_ADOSC_FAST, slowPeriod: DEFAULT_ADOSC_SLOW };

export const adoscKind: FeatureKind<AdOscParams> = {
  kind: 'adosc', version: 1, description: 'Chaikin A/D oscillator: EMA(fast) - EMA(slow) of the A/D line, seeded with the first A/D value (TA-Lib ADOSC)',
  defaults: adoscDefaults,
  params: (partial, argument) => completeParams(partial, adoscDefaults, argument, (_key, value) => notInteger(value, 2)),
  outputs: () => ['value'],
  batch: (bars, p) => [adOscillator(bars.high, bars.low, bars.close, bars.volume, p.fastPeriod, p.slowPeriod)],
  stream(p) {
    const state = new AdOscState(p.fastPeriod, p.slowPeriod);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close, bar.volume); return out; } };
  },
};
