// Ichimoku Kinko Hyo (G. Hosoda; definitions as in e.g. StockCharts ChartSchool "Ichimoku Cloud"):
//   tenkan  = (highest high + lowest low) / 2 over the last 9 bars (conversion line)
//   kijun   = the same over 26 bars (base line)
//   senkou A (lead) = (tenkan + kijun) / 2,  senkou B (lead) = midpoint of high/low over 52 bars
// The chart plots both senkou spans 26 bars AHEAD of the bar they are computed on, and the chikou
// span is the close plotted 26 bars BACK. Plotting a value at t computed from t+26 (chikou) is
// look-ahead, so there is no chikou output. Everything here uses bars up to t only:
//   senkouA[t], senkouB[t]         = what the chart's cloud shows at t, i.e. the lead values
//                                    computed at t - displacement (NaN for the first displacement bars);
//   senkouALead[t], senkouBLead[t] = the lead values computed at t (the cloud the chart draws at
//                                    t + displacement), also known at t.
// Windows follow the highest/lowest convention of RollingExtreme: NaN until full, and while a
// missing value is in the window.
import { checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, type FeatureKind } from './kind';
import type { Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { DelayLine } from './lags';
import { RollingExtreme } from './window';

export interface IchimokuParams {
  readonly tenkan: number;
  readonly kijun: number;
  readonly senkouB: number;
  /** Bars the chart shifts the spans forward (26 in the classic setting). */
  readonly displacement: number;
}

export const DEFAULT_ICHIMOKU: IchimokuParams = { tenkan: 9, kijun: 26, senkouB: 52, displacement: 26 };

/** Midpoint of the highest high and lowest low of the last `window` bars. */
class MidRange {
  private readonly hi: RollingExtreme;
  private readonly lo: RollingExtreme;
  constructor(window: number) {
    this.hi = new RollingExtreme(window, 'max');
    this.lo = new RollingExtreme(window, 'min');
  }
  update(high: number, low: number): number {
    return (this.hi.update(high) + this.lo.update(low)) / 2;
  }
}

export class IchimokuState {
  private readonly tenkanRange: MidRange;
  private readonly kijunRange: MidRange;
  private readonly senkouBRange: MidRange;
  private readonly leadA: DelayLine;
  private readonly leadB: DelayLine;
  tenkan = Number.NaN;
  kijun = Number.NaN;
  senkouA = Number.NaN;
  senkouB = Number.NaN;
  senkouALead = Number.NaN;
  senkouBLead = Number.NaN;

  constructor(readonly params: IchimokuParams = DEFAULT_ICHIMOKU) {
    checkWindow('params.tenkan', params.tenkan);
    checkWindow('params.kijun', params.kijun);
    checkWindow('params.senkouB', params.senkouB);
    checkWindow('params.displacement', params.displacement);
    this.tenkanRange = new MidRange(params.tenkan);
    this.kijunRange = new MidRange(params.kijun);
    this.senkouBRange = new MidRange(params.senkouB);
    this.leadA = new DelayLine(params.displacement + 1);
    this.leadB = new DelayLine(params.displacement + 1);
  }

  update(high: number, low: number): void {
    const d = this.params.displacement;
    this.tenkan = this.tenkanRange.update(high, low);
    this.kijun = this.kijunRange.update(high, low);
    this.senkouALead = (this.tenkan + this.kijun) / 2;
    this.senkouBLead = this.senkouBRange.update(high, low);
    this.leadA.push(this.senkouALead);
    this.leadB.push(this.senkouBLead);
    this.senkouA = this.leadA.at(d);
    this.senkouB = this.leadB.at(d);
  }
}

export const ICHIMOKU_OUTPUTS = ['tenkan', 'kijun', 'senkouA', 'senkouB', 'senkouALead', 'senkouBLead'] as const;

/** All six lines, in ICHIMOKU_OUTPUTS order. */
export function ichimoku(bars: Pick<Bars, 'high' | 'low'>, params: IchimokuParams = DEFAULT_ICHIMOKU): Float64Array[] {
  checkSeries('bars.high', bars.high);
  checkSeries('bars.low', bars.low);
  const n = bars.high.length;
  if (bars.low.length !== n) throw new InvalidArgumentError('bars.low', bars.low, `must have the length of bars.high (${n})`, 'pass columns of one set of bars');
  const state = new IchimokuState(params);
  const cols = ICHIMOKU_OUTPUTS.map(() => nanArray(n));
  const [tenkan, kijun, a, b, aLead, bLead] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const { high, low } = bars;
  for (let t = 0; t < n; t++) {
    state.update(high[t]!, low[t]!);
    tenkan[t] = state.tenkan; kijun[t] = state.kijun; a[t] = state.senkouA; b[t] = state.senkouB;
    aLead[t] = state.senkouALead; bLead[t] = state.senkouBLead;
  }
  return cols;
}

export const ichimokuKind: FeatureKind<IchimokuParams> = {
  kind: 'ichimoku', version: 1,
  description: 'Ichimoku tenkan, kijun and senkou spans from bars up to t only (cloud as shown at t, and as projected from t); no chikou',
  defaults: DEFAULT_ICHIMOKU,
  params: (partial, argument) => completeParams(partial, DEFAULT_ICHIMOKU, argument, (_key, value) => notInteger(value, 1)),
  outputs: () => ICHIMOKU_OUTPUTS,
  batch: (bars, p) => ichimoku(bars, p),
  stream(p) {
    const state = new IchimokuState(p);
    const out = new Float64Array(ICHIMOKU_OUTPUTS.length);
    return {
      update(bar) {
        state.update(bar.high, bar.low);
        out[0] = state.tenkan; out[1] = state.kijun; out[2] = state.senkouA; out[3] = state.senkouB;
        out[4] = state.senkouALead; out[5] = state.senkouBLead;
        return out;
      },
    };
  },
};
