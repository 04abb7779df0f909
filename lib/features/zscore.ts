// Rolling z-score: z[t] = (x[t] - mean) / std over the window x[t-window+1..t] (today included),
// with the sample std (ddof 1, as pandas' rolling std). NaN during the warm-up and for windows that
// hold a missing value.
import { checkSeries, nanArray } from './check';
import { notInteger, type FeatureKind } from './kind';
import { RollingStdState } from './rolling-std';
import { seriesColumn, seriesParams, SeriesSourceReader, type SeriesSource } from './returns';

export const DEFAULT_ZSCORE_WINDOW = 20;

/**
 * Streaming rolling z-score. Where every value in the window is equal the std is 0 and the score
 * is 0 (the value sits at its mean), a deliberate difference from the textbook 0/0 = NaN: a flat
 * stretch (a halted stock, a stale feed) should not punch holes in a model's inputs.
 */
export class ZScoreState {
  private readonly moments: RollingStdState;
  constructor(readonly window: number) {
    this.moments = new RollingStdState(window, 1);
  }
  update(x: number): number {
    const sd = this.moments.update(x);
    if (sd !== sd) return Number.NaN;
    return sd === 0 ? 0 : (x - this.moments.mean) / sd;
  }
}

export function rollingZScore(x: Float64Array, window: number = DEFAULT_ZSCORE_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new ZScoreState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

export interface ZScoreParams { readonly window: number; readonly source: SeriesSource }

const ZSCORE_DEFAULTS: ZScoreParams = { window: DEFAULT_ZSCORE_WINDOW, source: 'close' };

export const zscoreKind: FeatureKind<ZScoreParams> = {
  kind: 'zscore', version: 1,
  description: 'Rolling z-score (x - mean) / std over `window` bars incl. today, sample std (ddof 1); 0 where the window is flat',
  defaults: ZSCORE_DEFAULTS,
  params: (partial, argument) => seriesParams(partial, ZSCORE_DEFAULTS, argument, (_key, value) => notInteger(value, 2)),
  outputs: () => ['value'],
  batch: (bars, p) => [rollingZScore(seriesColumn(bars, p.source), p.window)],
  stream(p) {
    const reader = new SeriesSourceReader(p.source);
    const state = new ZScoreState(p.window);
    const out = new Float64Array(1);
    return { update(bar) { out[0] = state.update(reader.read(bar)); return out; } };
  },
};
