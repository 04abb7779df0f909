// Walk-forward analysis: re-fit a strategy's parameters on each training window, trade them on the
// test window that follows, and judge the strategy by the test windows stitched together. Every
// test bar is traded with parameters chosen before it, so the stitched curve is out of sample.
//
// Window w (start s = w * step): train [s, s + trainBars) (anchored: [0, s + trainBars)), then
// `gap` bars left out (labels that look `gap` bars ahead must not straddle the boundary), then test
// [s + trainBars + gap, + testBars), the last one cut at n. step defaults to testBars, so the test
// windows tile the bars after the first training window without overlap; step > testBars leaves
// untested bars between them, step < testBars is refused (a bar would be traded twice).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { whole } from './check';
import { performanceMetrics, type MetricsOptions, type PerformanceMetrics } from '../metrics';

/** Bars [start, end): start inclusive, end exclusive. */
export interface WalkForwardRange {
  readonly start: number;
  readonly end: number;
}

export const DEFAULT_WALK_FORWARD_ANCHORED = false;
export const DEFAULT_WALK_FORWARD_GAP = 0;

export interface WalkForwardWindow {
  readonly index: number;
  readonly train: WalkForwardRange;
  readonly test: WalkForwardRange;
}

export interface WalkForwardAnalysisOptions<P> {
  /** Bars in the data set. */
  readonly n: number;
  readonly trainBars: number;
  readonly testBars: number;
  /** Bars between window starts (default testBars). */
  readonly step?: number;
  /** Training windows all start at bar 0 and grow (DEFAULT_WALK_FORWARD_ANCHORED). */
  readonly anchored?: boolean;
  /** Bars dropped between training and test windows (DEFAULT_WALK_FORWARD_GAP). */
  readonly gap?: number;
  /** Chooses parameters from the training bars only. */
  readonly fit: (train: WalkForwardRange, window: number) => P;
  /** Trades the test bars with those parameters; one return per test bar, in order. */
  readonly run: (test: WalkForwardRange, params: P, window: number) => Float64Array;
  /** Annualisation and risk-free rate for the metrics (performanceMetrics' options). */
  readonly metrics?: MetricsOptions;
}

export interface WalkForwardWindowResult<P> extends WalkForwardWindow {
  readonly params: P;
  /** Metrics of this window's test returns alone. */
  readonly metrics: PerformanceMetrics;
}

export interface WalkForwardResult<P> {
  readonly windows: readonly WalkForwardWindowResult<P>[];
  /** Test returns of all windows, in bar order. */
  readonly returns: Float64Array;
  /** The bar each stitched return belongs to. */
  readonly bars: Int32Array;
  /** Equity compounded from 1 over the stitched returns (NaN returns count as 0). */
  readonly equity: Float64Array;
  /** Metrics of the stitched out-of-sample returns. */
  readonly metrics: PerformanceMetrics;
}

const KEYS = ['n', 'trainBars', 'testBars', 'step', 'anchored', 'gap', 'fit', 'run', 'metrics'] as const;

/** The train/test windows walkForwardAnalysis would use, without running anything. */
export function walkForwardWindows(options: Pick<WalkForwardAnalysisOptions<unknown>, 'n' | 'trainBars' | 'testBars' | 'step' | 'anchored' | 'gap'>): WalkForwardWindow[] {
  rejectUnknownOptions('options', options, ['n', 'trainBars', 'testBars', 'step', 'anchored', 'gap']);
  const n = whole('options.n', options.n, 1, 'pass the number of bars');
  const trainBars = whole('options.trainBars', options.trainBars, 1, 'pass e.g. 504 (two years of daily bars)');
  const testBars = whole('options.testBars', options.testBars, 1, 'pass e.g. 126 (six months of daily bars)');
  const step = whole('options.step', options.step ?? testBars, 1, 'leave it out to tile the test windows');
  const gap = whole('options.gap', options.gap ?? DEFAULT_WALK_FORWARD_GAP, 0, 'pass the label horizon in bars, or 0');
  const anchored = options.anchored ?? DEFAULT_WALK_FORWARD_ANCHORED;
  if (typeof anchored !== 'boolean') throw new InvalidArgumentError('options.anchored', anchored, 'must be a boolean', 'pass true for expanding training windows, false for rolling ones');
  if (step < testBars) {
    throw new InvalidArgumentError('options.step', step, `is below testBars (${testBars}), so test windows would overlap and bars be traded twice`, `pass step >= ${testBars}, or leave it out`);
  }
  if (trainBars + gap >= n) {
    throw new InvalidArgumentError('options.trainBars', trainBars, `leaves no test bar: trainBars + gap (${trainBars + gap}) >= n (${n})`, 'pass fewer training bars or more data');
  }
  const windows: WalkForwardWindow[] = [];
  for (let s = 0; s + trainBars + gap < n; s += step) {
    const testStart = s + trainBars + gap;
    windows.push({
      index: windows.length,
      train: { start: anchored ? 0 : s, end: s + trainBars },
      test: { start: testStart, end: Math.min(testStart + testBars, n) },
    });
  }
  return windows;
}

export function walkForwardAnalysis<P>(options: WalkForwardAnalysisOptions<P>): WalkForwardResult<P> {
  rejectUnknownOptions('options', options, KEYS);
  const { fit, run, metrics: metricsOptions, ...layout } = options;
  if (typeof fit !== 'function') throw new InvalidArgumentError('options.fit', fit, 'must be a function (train range, window) => params', 'pass e.g. (train) => ({ fast: bestFast(train) })');
  if (typeof run !== 'function') throw new InvalidArgumentError('options.run', run, 'must be a function (test range, params, window) => per-bar returns', 'pass e.g. (test, p) => backtest(test, p).returns');
  const windows = walkForwardWindows(layout);
  const results: WalkForwardWindowResult<P>[] = [];
  const pieces: Float64Array[] = [];
  for (const window of windows) {
    const params = fit({ ...window.train }, window.index);
    if (params !== null && typeof (params as { then?: unknown })?.then === 'function') {
      throw new InvalidArgumentError(`options.fit (window ${window.index})`, 'a Promise', 'returned a Promise; walkForwardAnalysis runs synchronously', 'fit the model synchronously, or await the fits beforehand and look them up by window index');
    }
    const returns = run({ ...window.test }, params, window.index);
    const length = window.test.end - window.test.start;
    if (!(returns instanceof Float64Array) || returns.length !== length) {
      throw new InvalidArgumentError(`options.run (window ${window.index})`, returns, `must return a Float64Array of ${length} returns, one per test bar [${window.test.start}, ${window.test.end})`, 'return the strategy returns of exactly the test bars');
    }
    const own = returns.slice();
    pieces.push(own);
    results.push({ ...window, params, metrics: performanceMetrics(own, metricsOptions) });
  }
  const total = pieces.reduce((s, p) => s + p.length, 0);
  const returns = new Float64Array(total), bars = new Int32Array(total), equity = new Float64Array(total);
  let k = 0, growth = 1;
  windows.forEach((window, w) => {
    const piece = pieces[w]!;
    for (let i = 0; i < piece.length; i++, k++) {
      returns[k] = piece[i]!;
      bars[k] = window.test.start + i;
      if (!Number.isNaN(piece[i]!)) growth *= 1 + piece[i]!;
      equity[k] = growth;
    }
  });
  return { windows: results, returns, bars, equity, metrics: performanceMetrics(returns, metricsOptions) };
}
