import { beforeAll, describe, expect, it } from 'vitest';
import { performanceMetrics } from '../../../lib/backtest/metrics';
import { walkForwardAnalysis, walkForwardWindows, type WalkForwardRange } from '../../../lib/backtest/validation';
import { backtestLongFlat } from '../../../lib/backtest/vectorized';
import { sp500Bars } from '../../features/kind-contract';
import { runPython } from '../../helpers/python';

// Window layout reference: scikit-learn TimeSeriesSplit(n_splits, test_size, gap, max_train_size)
// (max_train_size = trainBars for rolling windows, None for anchored), on n where the test windows
// tile the data exactly, so both layouts must agree index for index.
type Split = { train: [number, number]; test: [number, number] };
let sklearn: { rolling: Split[]; anchored: Split[]; gapped: Split[] };

beforeAll(() => {
  sklearn = runPython(`
import numpy as np
from sklearn.model_selection import TimeSeriesSplit
def layout(n, splits, test, gap, max_train):
    tss = TimeSeriesSplit(n_splits=splits, test_size=test, gap=gap, max_train_size=max_train)
    return [{'train': [int(a[0]), int(a[-1]) + 1], 'test': [int(b[0]), int(b[-1]) + 1]} for a, b in tss.split(np.zeros(n))]
print(json.dumps({'rolling': layout(1000, 6, 100, 0, 400), 'anchored': layout(1000, 6, 100, 0, None), 'gapped': layout(1005, 6, 100, 5, 400)}))
`);
});

const asSplits = (w: { train: WalkForwardRange; test: WalkForwardRange }[]): Split[] => w.map((x) => ({ train: [x.train.start, x.train.end], test: [x.test.start, x.test.end] }));

describe('walkForwardWindows', () => {
  it('rolling, anchored and gapped layouts equal scikit-learn TimeSeriesSplit', () => {
    expect(asSplits(walkForwardWindows({ n: 1000, trainBars: 400, testBars: 100 }))).toEqual(sklearn.rolling);
    expect(asSplits(walkForwardWindows({ n: 1000, trainBars: 400, testBars: 100, anchored: true }))).toEqual(sklearn.anchored);
    expect(asSplits(walkForwardWindows({ n: 1005, trainBars: 400, testBars: 100, gap: 5 }))).toEqual(sklearn.gapped);
  });

  it('cuts the last test window at n, and step > testBars leaves bars untested', () => {
    const w = walkForwardWindows({ n: 1050, trainBars: 400, testBars: 100 });
    expect(w).toHaveLength(7);
    expect(w[6]).toEqual({ index: 6, train: { start: 600, end: 1000 }, test: { start: 1000, end: 1050 } });
    const sparse = walkForwardWindows({ n: 1000, trainBars: 400, testBars: 100, step: 150 });
    expect(asSplits(sparse).map((s) => s.test)).toEqual([[400, 500], [550, 650], [700, 800], [850, 950]]);
  });

  it('rejects bad layouts', () => {
    expect(() => walkForwardWindows({ n: 1000, trainBars: 400, testBars: 100, step: 50 })).toThrow(/^options\.step = 50: is below testBars \(100\), so test windows would overlap and bars be traded twice\. Fix: pass step >= 100/);
    expect(() => walkForwardWindows({ n: 400, trainBars: 400, testBars: 100 })).toThrow(/^options\.trainBars = 400: leaves no test bar: trainBars \+ gap \(400\) >= n \(400\)\. Fix: pass fewer training bars/);
    expect(() => walkForwardWindows({ n: 1000, trainBars: 0, testBars: 100 })).toThrow(/^options\.trainBars = 0: must be a whole number >= 1/);
    expect(() => walkForwardWindows({ n: 1000, trainBars: 10, testBars: 2.5 })).toThrow(/^options\.testBars = 2\.5: must be a whole number >= 1/);
    expect(() => walkForwardWindows({ n: 1000, trainBars: 10, testBars: 5, gap: -1 })).toThrow(/^options\.gap = -1: must be a whole number >= 0/);
    expect(() => walkForwardWindows({ n: 1000, trainBars: 10, testBars: 5, anchored: 'yes' as never })).toThrow(/^options\.anchored = "yes": must be a boolean/);
  });
});

describe('walkForwardAnalysis on the S&P 500: a moving-average filter re-fitted every six months', () => {
  const LENGTHS = [20, 50, 100, 200];
  let close: Float64Array;
  let above: Map<number, Float64Array>;

  beforeAll(() => {
    close = sp500Bars().close;
    // position[L][t] = 1 when close[t] is above its L-bar mean (closes up to t only).
    above = new Map(LENGTHS.map((L) => {
      const p = new Float64Array(close.length).fill(NaN);
      let sum = 0;
      for (let t = 0; t < close.length; t++) {
        sum += close[t]!;
        if (t >= L) sum -= close[t - L]!;
        if (t >= L - 1) p[t] = close[t]! > sum / L ? 1 : 0;
      }
      return [L, p];
    }));
  });

  /** Returns of bars [start, end): position decided at t - 1, held over bar t. */
  const strategy = (range: WalkForwardRange, L: number): Float64Array => {
    const from = Math.max(range.start - 1, 0);
    const r = backtestLongFlat({ close: close.subarray(from, range.end), position: above.get(L)!.subarray(from, range.end), costBps: 5 }).returns;
    return range.start === 0 ? r : r.subarray(1);
  };

  it('fits on training bars only, trades the next window, and stitches the out-of-sample returns', () => {
    const seen: WalkForwardRange[] = [];
    const result = walkForwardAnalysis({
      n: close.length, trainBars: 1000, testBars: 126,
      fit: (train) => {
        seen.push(train);
        let best = LENGTHS[0]!, bestSharpe = -Infinity;
        for (const L of LENGTHS) {
          const s = performanceMetrics(strategy(train, L)).sharpe;
          if (s > bestSharpe) { bestSharpe = s; best = L; }
        }
        return { L: best };
      },
      run: (test, params) => strategy(test, params.L),
    });
    const windows = walkForwardWindows({ n: close.length, trainBars: 1000, testBars: 126 });
    expect(result.windows).toHaveLength(windows.length);
    expect(seen).toEqual(windows.map((w) => w.train));
    result.windows.forEach((w, i) => {
      expect(w.train.end).toBeLessThanOrEqual(w.test.start);
      expect(LENGTHS).toContain(w.params.L);
      expect(w.metrics).toEqual(performanceMetrics(strategy(w.test, w.params.L)));
      // The stitched series holds exactly this window's returns at its bars.
      const offset = w.test.start - 1000;
      expect(Array.from(result.returns.subarray(offset, offset + w.test.end - w.test.start))).toEqual(Array.from(strategy(w.test, w.params.L)));
      expect(result.bars[offset]).toBe(w.test.start);
      expect(i).toBe(w.index);
    });
    expect(result.returns.length).toBe(close.length - 1000);
    expect(new Set(result.windows.map((w) => w.params.L)).size).toBeGreaterThan(1); // the choice does move
    let equity = 1;
    result.returns.forEach((r, k) => { equity *= 1 + r; expect(result.equity[k]).toBeCloseTo(equity, 12); });
    expect(result.metrics).toEqual(performanceMetrics(result.returns));
  });

  it('passes metrics options through and rejects broken callbacks', () => {
    const base = { n: 300, trainBars: 100, testBars: 50, fit: () => 1 };
    const r = walkForwardAnalysis({ ...base, run: (t) => new Float64Array(t.end - t.start).fill(0.001), metrics: { periodsPerYear: 12 } });
    expect(r.metrics.annualReturn).toBeCloseTo(1.001 ** 12 - 1, 12);
    expect(() => walkForwardAnalysis({ ...base, run: () => new Float64Array(3) })).toThrow(/^options\.run \(window 0\) = array of length 3: must return a Float64Array of 50 returns, one per test bar \[100, 150\)/);
    expect(() => walkForwardAnalysis({ ...base, fit: async () => 1, run: (t) => new Float64Array(t.end - t.start) })).toThrow(/^options\.fit \(window 0\) = "a Promise": returned a Promise; walkForwardAnalysis runs synchronously/);
    expect(() => walkForwardAnalysis({ ...base, run: undefined as never })).toThrow(/^options\.run = undefined: must be a function/);
    expect(() => walkForwardAnalysis({ ...base, run: () => new Float64Array(50), refit: true } as never)).toThrow(/^options\.refit = true: is not a known option/);
  });
});
