// Bar-based oscillators with TA-Lib's conventions: CCI (commodity channel index), ULTOSC (ultimate
// oscillator), AROON / AROONOSC and MFI (money flow index). NaN until TA-Lib's first output index;
// a missing value in any input restarts the indicator, as on the bars after the gap. Running sums
// are updated in TA-Lib's order so that values near zero carry TA-Lib's rounding, not ours.
import { checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import { checkColumns, isZeroScaled } from './ta-support';
import { RollingExtreme } from './window';
import { InvalidArgumentError } from '../util/errors';

export const DEFAULT_CCI_PERIOD = 14;
export const DEFAULT_ULTOSC_PERIODS = [7, 14, 28] as const;
export const DEFAULT_AROON_PERIOD = 14;
export const DEFAULT_MFI_PERIOD = 14;

/**
 * CCI = (tp - mean(tp)) / (0.015 * mean |tp - mean(tp)|) over `period` bars, tp = (h + l + c) / 3;
 * 0 where either the deviation or the mean deviation is zero relative to the mean (TA-Lib 0.8).
 * The mean deviation has no O(1) update: each bar costs O(period).
 */
export class CciState {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0;
  constructor(readonly period: number = DEFAULT_CCI_PERIOD) {
    checkWindow('period', period, 2);
    this.ring = new Float64Array(period);
  }
  update(high: number, low: number, close: number): number {
    const tp = (high + low + close) / 3;
    if (tp !== tp) { this.run = 0; this.next = 0; return Number.NaN; }
    const p = this.period;
    const ring = this.ring;
    ring[this.next] = tp;
    this.next = this.next + 1 === p ? 0 : this.next + 1;
    if (++this.run < p) return Number.NaN;
    // Sums in slot order, as TA-Lib's circular buffer (slot 0 = first bar after a restart).
    let mean = 0;
    for (let j = 0; j < p; j++) mean += ring[j]!;
    mean /= p;
    let meanDev = 0;
    for (let j = 0; j < p; j++) meanDev += Math.abs(ring[j]! - mean);
    meanDev /= p;
    const dev = tp - mean;
    const scale = Math.abs(mean);
    return isZeroScaled(dev, scale) || isZeroScaled(meanDev, scale) ? 0 : dev / (0.015 * meanDev);
  }
}

/**
 * Ultimate oscillator: 100 * (4 * A1 + 2 * A2 + A3) / 7 with Ai = sum(close - true low) /
 * sum(true range) over the short, medium and long period (a term is left out where its range sum
 * is zero, as TA-Lib). First value at bar `long`: each bar needs the previous close.
 */
export class UltoscState {
  private readonly buying: Float64Array; // close - true low, last `long` bars
  private readonly ranges: Float64Array; // true range, last `long` bars
  private slot = 0; // where this bar's terms go
  private trail1 = 0; // slot of the bar leaving the short window next
  private trail2 = 0; // same for the medium window
  private run = 0;
  private idle = 0; // consecutive bars without true range
  private prevClose = Number.NaN;
  private a1 = 0; private a2 = 0; private a3 = 0;
  private b1 = 0; private b2 = 0; private b3 = 0;
  constructor(
    readonly shortPeriod: number = DEFAULT_ULTOSC_PERIODS[0], readonly mediumPeriod: number = DEFAULT_ULTOSC_PERIODS[1],
    readonly longPeriod: number = DEFAULT_ULTOSC_PERIODS[2],
  ) {
    checkWindow('shortPeriod', shortPeriod);
    checkWindow('mediumPeriod', mediumPeriod);
    checkWindow('longPeriod', longPeriod);
    checkUltoscOrder('UltoscState', shortPeriod, mediumPeriod, longPeriod);
    this.buying = new Float64Array(longPeriod);
    this.ranges = new Float64Array(longPeriod);
  }
  update(high: number, low: number, close: number): number {
    if (high !== high || low !== low || close !== close) {
      this.run = 0; this.slot = 0; this.idle = 0;
      this.a1 = 0; this.a2 = 0; this.a3 = 0; this.b1 = 0; this.b2 = 0; this.b3 = 0;
      return Number.NaN;
    }
    const prevClose = this.prevClose;
    this.prevClose = close;
    const run = this.run++;
    if (run === 0) return Number.NaN;
    const trueLow = low < prevClose ? low : prevClose;
    const bp = close - trueLow;
    let tr = high - low;
    const up = Math.abs(prevClose - high);
    if (up > tr) tr = up;
    const down = Math.abs(prevClose - low);
    if (down > tr) tr = down;
    const long = this.longPeriod, medium = this.mediumPeriod, short = this.shortPeriod;
    const slot = this.slot;
    this.buying[slot] = bp;
    this.ranges[slot] = tr;
    this.slot = slot + 1 === long ? 0 : slot + 1;
    if (run < long) {
      this.idle = tr === 0 ? this.idle + 1 : 0;
      // Warm-up: each sum collects only the bars of its own first window (bars long - n + 1 .. long - 1).
      if (run >= long - short + 1) { this.a1 += bp; this.b1 += tr; }
      if (run >= long - medium + 1) { this.a2 += bp; this.b2 += tr; }
      this.a3 += bp; this.b3 += tr;
      return Number.NaN;
    }
    this.a1 += bp; this.a2 += bp; this.a3 += bp;
    this.b1 += tr; this.b2 += tr; this.b3 += tr;
    // A window of bars without range holds only zero terms, but its running sums hold rounding
    // residue: reset them to exact zero (TA-Lib 0.8), so the window's term is left out below.
    this.idle = tr === 0 ? this.idle + 1 : 0;
    if (this.idle >= short) { this.a1 = 0; this.b1 = 0; }
    if (this.idle >= medium) { this.a2 = 0; this.b2 = 0; }
    if (this.idle >= long) { this.a3 = 0; this.b3 = 0; }
    let out = 0;
    if (this.b1 > 0) out += 4 * (this.a1 / this.b1);
    if (this.b2 > 0) out += 2 * (this.a2 / this.b2);
    if (this.b3 > 0) out += this.a3 / this.b3;
    // Drop the bars that leave each window before the next update.
    if (run === long) { this.trail1 = long - short; this.trail2 = long - medium; }
    const t1 = this.trail1, t2 = this.trail2, t3 = this.slot;
    this.a1 -= this.buying[t1]!; this.b1 -= this.ranges[t1]!;
    this.a2 -= this.buying[t2]!; this.b2 -= this.ranges[t2]!;
    this.a3 -= this.buying[t3]!; this.b3 -= this.ranges[t3]!;
    this.trail1 = t1 + 1 === long ? 0 : t1 + 1;
    this.trail2 = t2 + 1 === long ? 0 : t2 + 1;
    return 100 * (out / 7);
  }
}

function checkUltoscOrder(argument: string, short: number, medium: number, long: number): void {
  if (!(short <= medium)) {
    throw new InvalidArgumentError(`${argument}.shortPeriod`, short, `must not exceed mediumPeriod (${medium})`, 'order the periods short <= medium <= long, e.g. 7, 14, 28');
  }
  if (!(medium <= long)) {
    throw new InvalidArgumentError(`${argument}.mediumPeriod`, medium, `must not exceed longPeriod (${long})`, 'order the periods short <= medium <= long, e.g. 7, 14, 28');
  }
}

/**
 * Aroon over `period` + 1 bars: up = 100 * (period - bars since the highest high) / period, down
 * likewise with the lowest low; on ties the most recent extreme counts (TA-Lib). Read `up`,
 * `down` and `osc` (= 100 / period * (bars since low - bars since high), TA-Lib's AROONOSC).
 */
export class AroonState {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private readonly factor: number;
  up = Number.NaN;
  down = Number.NaN;
  osc = Number.NaN;
  constructor(readonly period: number = DEFAULT_AROON_PERIOD) {
    checkWindow('period', period, 2);
    this.highest = new RollingExtreme(period + 1, 'max', true);
    this.lowest = new RollingExtreme(period + 1, 'min', true);
    this.factor = 100 / period;
  }
  update(high: number, low: number): void {
    if (high !== high || low !== low) { high = Number.NaN; low = Number.NaN; }
    this.highest.update(high);
    this.lowest.update(low);
    const ageHigh = this.highest.argAge;
    const ageLow = this.lowest.argAge;
    if (ageHigh !== ageHigh || ageLow !== ageLow) { this.up = Number.NaN; this.down = Number.NaN; this.osc = Number.NaN; return; }
    const p = this.period;
    this.up = this.factor * (p - ageHigh);
    this.down = this.factor * (p - ageLow);
    this.osc = this.factor * (ageLow - ageHigh);
  }
}

/**
 * Money flow index in [0, 100]: 100 * positive flow / (positive + negative flow) over `period`
 * bars, flow = typical price * volume, signed by the change of the typical price (a change within
 * ~90 ulp counts as none). As TA-Lib 0.8: a window without any flow gives 0, and the running sums
 * are reset to exact zero once the window holds no flow, dropping their rounding residue.
 */
export class MfiState {
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private slot = 0;
  private run = 0;
  private prevTp = Number.NaN;
  private posSum = 0;
  private negSum = 0;
  private idle = 0; // consecutive bars without flow
  constructor(readonly period: number = DEFAULT_MFI_PERIOD) {
    checkWindow('period', period, 2);
    this.positive = new Float64Array(period);
    this.negative = new Float64Array(period);
  }
  update(high: number, low: number, close: number, volume: number): number {
    const tp = (high + low + close) / 3;
    if (tp !== tp || volume !== volume) {
      this.run = 0; this.slot = 0; this.posSum = 0; this.negSum = 0; this.idle = 0;
      return Number.NaN;
    }
    const prevTp = this.prevTp;
    this.prevTp = tp;
    const run = this.run++;
    if (run === 0) return Number.NaN;
    const p = this.period;
    const slot = this.slot;
    if (run > p) { this.posSum -= this.positive[slot]!; this.negSum -= this.negative[slot]!; }
    const change = tp - prevTp;
    const flow = isZeroScaled(change, Math.abs(tp) + Math.abs(prevTp)) ? 0 : tp * volume;
    const pos = change < 0 ? 0 : flow;
    const neg = change < 0 ? flow : 0;
    this.positive[slot] = pos;
    this.negative[slot] = neg;
    this.posSum += pos;
    this.negSum += neg;
    this.idle = flow === 0 ? this.idle + 1 : 0;
    if (this.idle >= p) { this.idle = p; this.posSum = 0; this.negSum = 0; }
    this.slot = slot + 1 === p ? 0 : slot + 1;
    if (run < p) return Number.NaN;
    const total = this.posSum + this.negSum;
    if (total <= 0) return 0;
    // Rounding drift can push a near-zero sum slightly outside [0, total]: clamp, as TA-Lib.
    const clamped = this.posSum < 0 ? 0 : this.posSum > total ? total : this.posSum;
    return 100 * (clamped / total);
  }
}

export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period: number = DEFAULT_CCI_PERIOD): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new CciState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!);
  return out;
}

export function ultosc(
  high: Float64Array, low: Float64Array, close: Float64Array, shortPeriod: number = DEFAULT_ULTOSC_PERIODS[0],
  mediumPeriod: number = DEFAULT_ULTOSC_PERIODS[1], longPeriod: number = DEFAULT_ULTOSC_PERIODS[2],
): Float64Array {
  const n = checkColumns({ high, low, close });
  const state = new UltoscState(shortPeriod, mediumPeriod, longPeriod);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!);
  return out;
}

export interface AroonResult { readonly down: Float64Array; readonly up: Float64Array; readonly osc: Float64Array }

export function aroon(high: Float64Array, low: Float64Array, period: number = DEFAULT_AROON_PERIOD): AroonResult {
  const n = checkColumns({ high, low });
  const state = new AroonState(period);
  const down = nanArray(n), up = nanArray(n), osc = nanArray(n);
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!);
    down[t] = state.down; up[t] = state.up; osc[t] = state.osc;
  }
  return { down, up, osc };
}

export function mfi(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period: number = DEFAULT_MFI_PERIOD,
): Float64Array {
  const n = checkColumns({ high, low, close, volume });
  const state = new MfiState(period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!, close[t]!, volume[t]!);
  return out;
}

export interface BarPeriodParams { readonly period: number }
export interface UltoscParams { readonly shortPeriod: number; readonly mediumPeriod: number; readonly longPeriod: number }

const CCI_DEFAULTS: BarPeriodParams = { period: DEFAULT_CCI_PERIOD };
const AROON_DEFAULTS: BarPeriodParams = { period: DEFAULT_AROON_PERIOD };
const MFI_DEFAULTS: BarPeriodParams = { period: DEFAULT_MFI_PERIOD };
const ULTOSC_DEFAULTS: UltoscParams = { shortPeriod: DEFAULT_ULTOSC_PERIODS[0], mediumPeriod: DEFAULT_ULTOSC_PERIODS[1], longPeriod: DEFAULT_ULTOSC_PERIODS[2] };

const periodAtLeast2 = (_key: string, value: unknown) => notInteger(value, 2);

export const cciKind: FeatureKind<BarPeriodParams> = {
  kind: 'cci', version: 1, description: 'Commodity channel index (TA-Lib CCI)', defaults: CCI_DEFAULTS,
  params: (partial, argument) => completeParams(partial, CCI_DEFAULTS, argument, periodAtLeast2),
  outputs: () => ['value'],
  batch: (bars, p) => [cci(bars.high, bars.low, bars.close, p.period)],
  stream(p) {
    const state = new CciState(p.period);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close); return out; } };
  },
};

export const ultoscKind: FeatureKind<UltoscParams> = {
  kind: 'ultosc', version: 1, description: 'Ultimate oscillator (TA-Lib ULTOSC)', defaults: ULTOSC_DEFAULTS,
  params(partial, argument) {
    const p = completeParams(partial, ULTOSC_DEFAULTS, argument, (_key, value) => notInteger(value, 1));
    checkUltoscOrder(argument, p.shortPeriod, p.mediumPeriod, p.longPeriod);
    return p;
  },
  outputs: () => ['value'],
  batch: (bars, p) => [ultosc(bars.high, bars.low, bars.close, p.shortPeriod, p.mediumPeriod, p.longPeriod)],
  stream(p) {
    const state = new UltoscState(p.shortPeriod, p.mediumPeriod, p.longPeriod);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close); return out; } };
  },
};

export const aroonKind: FeatureKind<BarPeriodParams> = {
  kind: 'aroon', version: 1, description: 'Aroon down and up (TA-Lib AROON)', defaults: AROON_DEFAULTS,
  params: (partial, argument) => completeParams(partial, AROON_DEFAULTS, argument, periodAtLeast2),
  outputs: () => ['down', 'up'],
  batch(bars, p) {
    const r = aroon(bars.high, bars.low, p.period);
    return [r.down, r.up];
  },
  stream(p) {
    const state = new AroonState(p.period);
    const out = new Float64Array(2);
    return { update(bar) { state.update(bar.high, bar.low); out[0] = state.down; out[1] = state.up; return out; } };
  },
};

export const aroonoscKind: FeatureKind<BarPeriodParams> = {
  kind: 'aroonosc', version: 1, description: 'Aroon oscillator, up - down (TA-Lib AROONOSC)', defaults: AROON_DEFAULTS,
  params: (partial, argument) => completeParams(partial, AROON_DEFAULTS, argument, periodAtLeast2),
  outputs: () => ['value'],
  batch: (bars, p) => [aroon(bars.high, bars.low, p.period).osc],
  stream(p) {
    const state = new AroonState(p.period);
    const out = new Float64Array(1);
    return { update(bar) { state.update(bar.high, bar.low); out[0] = state.osc; return out; } };
  },
};

export const mfiKind: FeatureKind<BarPeriodParams> = {
  kind: 'mfi', version: 1, description: 'Money flow index (TA-Lib MFI)', defaults: MFI_DEFAULTS,
  params: (partial, argument) => completeParams(partial, MFI_DEFAULTS, argument, periodAtLeast2),
  outputs: () => ['value'],
  batch: (bars, p) => [mfi(bars.high, bars.low, bars.close, bars.volume, p.period)],
  stream(p) {
    const state = new MfiState(p.period);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low, bar.close, bar.volume); return out; } };
  },
};
