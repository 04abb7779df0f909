// Volume-weighted average price of the typical price tp = (H + L + C) / 3, in two flavours:
// - rolling: sum(tp * V) / sum(V) over the last N bars. Daily bars have no intraday session to
//   anchor to, so a trailing window is the meaningful VWAP there;
// - session (anchored): cumulative since the first bar of the bar's local day in `timezone`, reset at
//   each local midnight, for intraday bars. The day is the plain local date of the stamp (no
//   midnight-UTC daily-bar rule: on daily bars every bar is its own session either way).
// Each also gives ratio = close / vwap - 1, the scale-free form models want.
// Where the volume summed is 0 the VWAP is undefined and NaN. A missing value makes the rolling
// windows holding it NaN, and the rest of its session NaN for the session VWAP.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import type { Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { checkTimezone, LocalDayClock } from './local-day';
import { CompensatedRollingSum } from './compensated-sum';

export const DEFAULT_VWAP_WINDOW = 20;
export const DEFAULT_VWAP_TIMEZONE = 'UTC';

export class VwapState {
  private readonly pv: CompensatedRollingSum;
  private readonly v: CompensatedRollingSum;
  value = Number.NaN;
  ratio = Number.NaN;
  constructor(readonly window: number) {
    checkWindow('window', window);
    this.pv = new CompensatedRollingSum(window);
    this.v = new CompensatedRollingSum(window);
  }
  update(high: number, low: number, close: number, volume: number): void {
    const tp = (high + low + close) / 3;
    const pv = this.pv.update(tp * volume);
    const v = this.v.update(volume);
    this.value = v === 0 ? Number.NaN : pv / v;
    this.ratio = close / this.value - 1;
  }
}

export class SessionVwapState {
  private readonly clock: LocalDayClock;
  private day = Number.NaN;
  private pv = 0;
  private v = 0;
  value = Number.NaN;
  ratio = Number.NaN;
  constructor(readonly timezone: string = DEFAULT_VWAP_TIMEZONE) {
    this.clock = new LocalDayClock(timezone);
  }
  update(time: number, high: number, low: number, close: number, volume: number): void {
    const day = this.clock.dayOf(time);
    if (day !== this.day) { this.day = day; this.pv = 0; this.v = 0; }
    this.pv += ((high + low + close) / 3) * volume;
    this.v += volume;
    this.value = this.v === 0 ? Number.NaN : this.pv / this.v;
    this.ratio = close / this.value - 1;
  }
}

type VwapBars = Pick<Bars, 'high' | 'low' | 'close' | 'volume'>;

function checkColumns<B extends VwapBars>(bars: B, names: readonly (keyof B & keyof Bars)[]): number {
  const n = bars.close?.length;
  for (const name of names) {
    const col: unknown = bars[name];
    checkSeries(`bars.${name}`, col);
    if (col.length !== n) throw new InvalidArgumentError(`bars.${name}`, bars[name], `must have the length of bars.close (${n})`, 'pass columns of one set of bars');
  }
  return n;
}

/** Rolling VWAP over `window` bars: [vwap, close / vwap - 1]. */
export function rollingVwap(bars: VwapBars, window: number = DEFAULT_VWAP_WINDOW): [Float64Array, Float64Array] {
  const n = checkColumns(bars, ['high', 'low', 'close', 'volume']);
  const state = new VwapState(window);
  const value = nanArray(n), ratio = nanArray(n);
  const { high: h, low: l, close: c, volume: v } = bars;
  for (let t = 0; t < n; t++) { state.update(h[t]!, l[t]!, c[t]!, v[t]!); value[t] = state.value; ratio[t] = state.ratio; }
  return [value, ratio];
}

/** Session VWAP anchored at each local midnight of `timezone`: [vwap, close / vwap - 1]. */
export function sessionVwap(bars: VwapBars & Pick<Bars, 'time'>, timezone: string = DEFAULT_VWAP_TIMEZONE): [Float64Array, Float64Array] {
  const n = checkColumns(bars, ['time', 'high', 'low', 'close', 'volume']);
  const state = new SessionVwapState(timezone);
  const value = nanArray(n), ratio = nanArray(n);
  const { time, high: h, low: l, close: c, volume: v } = bars;
  for (let t = 0; t < n; t++) { state.update(time[t]!, h[t]!, l[t]!, c[t]!, v[t]!); value[t] = state.value; ratio[t] = state.ratio; }
  return [value, ratio];
}

export interface VwapParams { readonly window: number }
export interface SessionVwapParams { readonly timezone: string }

const VWAP_DEFAULTS: VwapParams = { window: DEFAULT_VWAP_WINDOW };
const SESSION_DEFAULTS: SessionVwapParams = { timezone: DEFAULT_VWAP_TIMEZONE };

export const vwapKind: FeatureKind<VwapParams> = {
  kind: 'vwap', version: 1,
  description: 'Rolling VWAP of (H+L+C)/3 over `window` bars, and close / vwap - 1',
  defaults: VWAP_DEFAULTS,
  params: (partial, argument) => completeParams(partial, VWAP_DEFAULTS, argument, (_key, value) => notInteger(value, 1)),
  outputs: () => ['value', 'ratio'],
  batch: (bars, p) => rollingVwap(bars, p.window),
  stream(p) {
    const state = new VwapState(p.window);
    const out = new Float64Array(2);
    return { update(bar) { state.update(bar.high, bar.low, bar.close, bar.volume); out[0] = state.value; out[1] = state.ratio; return out; } };
  },
};

export const sessionVwapKind: FeatureKind<SessionVwapParams> = {
  kind: 'session_vwap', version: 1,
  description: 'VWAP of (H+L+C)/3 anchored at each local midnight of `timezone` (intraday bars), and close / vwap - 1',
  defaults: SESSION_DEFAULTS,
  params: (partial, argument) => completeParams(partial, SESSION_DEFAULTS, argument, (_key, value) => {
    try { checkTimezone('timezone', value); return undefined; } catch { return ['must be an IANA timezone name', "pass e.g. 'America/New_York' or 'UTC'"]; }
  }),
  outputs: () => ['value', 'ratio'],
  batch: (bars, p) => sessionVwap(bars, p.timezone),
  stream(p) {
    const state = new SessionVwapState(p.timezone);
    const out = new Float64Array(2);
    return { update(bar) { state.update(bar.time, bar.high, bar.low, bar.close, bar.volume); out[0] = state.value; out[1] = state.ratio; return out; } };
  },
};
