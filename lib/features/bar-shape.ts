// Where a bar closed within its range, and how heavy its volume was against the recent past.
//   IBS (internal bar strength) = (close - low) / (high - low), in [0, 1]: 0 closed at the low,
//     1 at the high. A bar with high == low has no range; its IBS is 0.5 (neutral) rather than
//     0/0 = NaN, so flat or single-print bars do not drop rows from a model's inputs.
//   Volume percentile = the average rank of today's volume among the last N volumes (today
//     included), divided by N: pandas' Series.rolling(N).rank(pct=True), ties ranked by their
//     average, in (0, 1]. A missing volume makes every window holding it NaN.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import type { Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';

export const DEFAULT_VOLUME_PERCENTILE_WINDOW = 20;

export function ibsOf(high: number, low: number, close: number): number {
  const range = high - low;
  return range === 0 ? (close === close ? 0.5 : Number.NaN) : (close - low) / range;
}

export function ibs(bars: Pick<Bars, 'high' | 'low' | 'close'>): Float64Array {
  const n = bars.close?.length;
  for (const name of ['high', 'low', 'close'] as const) {
    checkSeries(`bars.${name}`, bars[name]);
    if (bars[name].length !== n) throw new InvalidArgumentError(`bars.${name}`, bars[name], `must have the length of bars.close (${n})`, 'pass columns of one set of bars');
  }
  const out = nanArray(n);
  const { high: h, low: l, close: c } = bars;
  for (let t = 0; t < n; t++) out[t] = ibsOf(h[t]!, l[t]!, c[t]!);
  return out;
}

/**
 * Streaming volume percentile over a sorted copy of the window: the new volume replaces the one
 * leaving by shifting only the values between their two places, and the rank takes two binary
 * searches, so a bar costs O(log N) plus the shift instead of a scan of all N values.
 */
export class VolumePercentileState {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array; // the finite values of the window, ascending, in [0, count)
  private count = 0;
  private next = 0;
  private seen = 0;
  private missing = 0;
  constructor(readonly window: number) {
    checkWindow('window', window);
    this.ring = new Float64Array(window);
    this.sorted = new Float64Array(window);
  }
  update(volume: number): number {
    const w = this.window;
    const full = this.seen === w;
    const old = full ? this.ring[this.next]! : Number.NaN;
    if (!full) this.seen++;
    this.ring[this.next] = volume;
    this.next = this.next + 1 === w ? 0 : this.next + 1;
    const oldIn = old === old, newIn = volume === volume;
    if (full && !oldIn) this.missing--;
    if (!newIn) this.missing++;
    if (oldIn && newIn) this.replace(old, volume);
    else {
      if (oldIn) this.remove(old);
      if (newIn) this.insert(volume);
    }
    if (this.seen < w || this.missing > 0) return Number.NaN;
    const less = this.lowerBound(volume);
    const equal = this.upperBound(volume) - less;
    return (less + (equal + 1) / 2) / w;
  }

  /** First index whose value is >= x. */
  private lowerBound(x: number): number {
    let lo = 0, hi = this.count;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (this.sorted[mid]! < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** First index whose value is > x. */
  private upperBound(x: number): number {
    let lo = 0, hi = this.count;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (this.sorted[mid]! <= x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  private replace(old: number, x: number): void {
    const s = this.sorted;
    let k = this.lowerBound(old);
    if (x >= old) { while (k + 1 < this.count && s[k + 1]! < x) { s[k] = s[k + 1]!; k++; } } else { while (k > 0 && s[k - 1]! > x) { s[k] = s[k - 1]!; k--; } }
    s[k] = x;
  }

  private remove(old: number): void {
    const k = this.lowerBound(old);
    this.sorted.copyWithin(k, k + 1, this.count);
    this.count--;
  }

  private insert(x: number): void {
    const k = this.upperBound(x);
    this.sorted.copyWithin(k + 1, k, this.count);
    this.sorted[k] = x;
    this.count++;
  }
}

export function volumePercentile(volume: Float64Array, window: number = DEFAULT_VOLUME_PERCENTILE_WINDOW): Float64Array {
  checkSeries('volume', volume);
  const state = new VolumePercentileState(window);
  const out = nanArray(volume.length);
  for (let t = 0; t < volume.length; t++) out[t] = state.update(volume[t]!);
  return out;
}

export const ibsKind: FeatureKind<Record<string, never>> = {
  kind: 'ibs', version: 1,
  description: 'Internal bar strength (close - low) / (high - low); 0.5 where high == low',
  defaults: {},
  params: (partial, argument) => completeParams(partial, {}, argument, () => undefined),
  outputs: () => ['value'],
  batch: (bars) => [ibs(bars)],
  stream() {
    const out = new Float64Array(1);
    return { update(bar) { out[0] = ibsOf(bar.high, bar.low, bar.close); return out; } };
  },
};

export interface VolumePercentileParams { readonly window: number }
const VOLUME_PERCENTILE_DEFAULTS: VolumePercentileParams = { window: DEFAULT_VOLUME_PERCENTILE_WINDOW };

export const volumePercentileKind: FeatureKind<VolumePercentileParams> = {
  kind: 'volume_percentile', version: 1,
  description: "Average rank of today's volume among the last `window` volumes (today included) / window (pandas rolling rank pct)",
  defaults: VOLUME_PERCENTILE_DEFAULTS,
  params: (partial, argument) => completeParams(partial, VOLUME_PERCENTILE_DEFAULTS, argument, (_key, value) => notInteger(value, 1)),
  outputs: () => ['value'],
  batch: (bars, p) => [volumePercentile(bars.volume, p.window)],
  stream(p) {
    const state = new VolumePercentileState(p.window);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(bar.volume); return out; } };
  },
};
