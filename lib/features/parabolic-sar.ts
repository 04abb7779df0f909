// Wilder's Parabolic SAR with TA-Lib's bootstrap (TA-Lib SAR). The first bar is consumed: the
// trade on bar 1 is short when bar 1's one-bar -DM is positive (its low fell below bar 0's by
// more than its high rose), else long; the SAR starts at bar 0's low (long) or high (short) and
// the extreme point at bar 1's high (long) or low (short). Each bar then outputs the SAR computed
// on the previous bar, or, when the bar's range crosses it, flips to the extreme point. The
// acceleration factor grows by `acceleration` at each new extreme, capped at `maximum`; the SAR
// never enters the previous or current bar's range. A bar with a missing high or low is NaN and
// the next bar starts over (consumed as bar 0).
import { InvalidArgumentError } from '../util/errors';
import { nanArray } from './check';
import { completeParams, notNumberAbove, type FeatureKind } from './kind';
import { checkColumns } from './ta-support';

export const DEFAULT_SAR_ACCELERATION = 0.02;
export const DEFAULT_SAR_MAXIMUM = 0.2;

export class SarState {
  // Number fields start as NaN so V8 keeps them as doubles from the first object on.
  private run = 0; // bars since the last gap, capped at 2
  private isLong = true;
  private sar = Number.NaN;
  private ep = Number.NaN;
  private af = Number.NaN;
  private lastHigh = Number.NaN;
  private lastLow = Number.NaN;

  constructor(readonly acceleration: number = DEFAULT_SAR_ACCELERATION, readonly maximum: number = DEFAULT_SAR_MAXIMUM) {
    checkSarParams('acceleration', acceleration, 'maximum', maximum);
  }

  // Small per-bar path so V8 inlines it into kernel loops; the first two bars and gaps go out of line.
  update(high: number, low: number): number {
    if (this.run < 2 || high !== high || low !== low) return this.start(high, low);
    const prevHigh = this.lastHigh;
    const prevLow = this.lastLow;
    this.lastHigh = high; this.lastLow = low;
    return this.isLong ? this.longBar(high, low, prevHigh, prevLow) : this.shortBar(high, low, prevHigh, prevLow);
  }

  private start(high: number, low: number): number {
    if (high !== high || low !== low) { this.run = 0; return Number.NaN; }
    if (this.run === 0) {
      this.run = 1;
      this.lastHigh = high; this.lastLow = low;
      return Number.NaN;
    }
    this.run = 2;
    const diffM = this.lastLow - low;
    const diffP = high - this.lastHigh;
    this.isLong = !(diffM > 0 && diffP < diffM);
    if (this.isLong) { this.ep = high; this.sar = this.lastLow; } else { this.ep = low; this.sar = this.lastHigh; }
    this.af = this.acceleration;
    // TA-Lib compares bar 1 with itself as "yesterday" on this first step.
    this.lastHigh = high; this.lastLow = low;
    return this.isLong ? this.longBar(high, low, high, low) : this.shortBar(high, low, high, low);
  }

  private longBar(high: number, low: number, prevHigh: number, prevLow: number): number {
    let sar = this.sar;
    let out: number;
    if (low <= sar) {
      // Stop hit: go short at the extreme point, kept above both bars' highs.
      this.isLong = false;
      sar = this.ep;
      if (sar < prevHigh) sar = prevHigh;
      if (sar < high) sar = high;
      out = sar;
      this.af = this.acceleration;
      this.ep = low;
      sar = sar + this.af * (low - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < high) sar = high;
    } else {
      out = sar;
      if (high > this.ep) {
        this.ep = high;
        this.af += this.acceleration;
        if (this.af > this.maximum) this.af = this.maximum;
      }
      sar = sar + this.af * (this.ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > low) sar = low;
    }
    this.sar = sar;
    return out;
  }

  private shortBar(high: number, low: number, prevHigh: number, prevLow: number): number {
    let sar = this.sar;
    let out: number;
    if (high >= sar) {
      // Stop hit: go long at the extreme point, kept below both bars' lows.
      this.isLong = true;
      sar = this.ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > low) sar = low;
      out = sar;
      this.af = this.acceleration;
      this.ep = high;
      sar = sar + this.af * (high - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > low) sar = low;
    } else {
      out = sar;
      if (low < this.ep) {
        this.ep = low;
        this.af += this.acceleration;
        if (this.af > this.maximum) this.af = this.maximum;
      }
      sar = sar + this.af * (this.ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < high) sar = high;
    }
    this.sar = sar;
    return out;
  }
}

/**
 * TA-Lib silently lowers an acceleration above the maximum to the maximum; here that is an error,
 * since the caller's intent is unclear.
 */
function checkSarParams(accArg: string, acceleration: unknown, maxArg: string, maximum: unknown): void {
  const accProblem = notNumberAbove(acceleration, 0);
  if (accProblem) throw new InvalidArgumentError(accArg, acceleration, accProblem, `pass e.g. ${DEFAULT_SAR_ACCELERATION}`);
  const maxProblem = notNumberAbove(maximum, 0);
  if (maxProblem) throw new InvalidArgumentError(maxArg, maximum, maxProblem, `pass e.g. ${DEFAULT_SAR_MAXIMUM}`);
  if ((acceleration as number) > (maximum as number)) {
    throw new InvalidArgumentError(accArg, acceleration, `must not exceed ${maxArg} (${maximum as number})`, `lower ${accArg} or raise ${maxArg}, e.g. ${DEFAULT_SAR_ACCELERATION} and ${DEFAULT_SAR_MAXIMUM}`);
  }
}

/** Parabolic SAR per bar (TA-Lib SAR), NaN on the first bar. */
export function parabolicSar(high: Float64Array, low: Float64Array, acceleration: number = DEFAULT_SAR_ACCELERATION, maximum: number = DEFAULT_SAR_MAXIMUM): Float64Array {
  const n = checkColumns({ high, low });
  const state = new SarState(acceleration, maximum);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) out[t] = state.update(high[t]!, low[t]!);
  return out;
}

export interface SarParams { readonly acceleration: number; readonly maximum: number }

const defaults: SarParams = { acceleration: DEFAULT_SAR_ACCELERATION, maximum: DEFAULT_SAR_MAXIMUM };

export const sarKind: FeatureKind<SarParams> = {
  kind: 'sar', version: 1, description: "Wilder's Parabolic SAR with TA-Lib's start rule (TA-Lib SAR)",
  defaults,
  params(partial, argument) {
    const p = completeParams(partial, defaults, argument, (_key, value) => notNumberAbove(value, 0));
    checkSarParams(`${argument}.acceleration`, p.acceleration, `${argument}.maximum`, p.maximum);
    return p;
  },
  outputs: () => ['value'],
  batch: (bars, p) => [parabolicSar(bars.high, bars.low, p.acceleration, p.maximum)],
  stream(p) {
    const state = new SarState(p.acceleration, p.maximum);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.high, bar.low); return out; } };
  },
};
