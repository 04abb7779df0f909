import { beforeAll, describe, expect, it } from 'vitest';
import { performanceMetrics } from '../../../lib/backtest/metrics';
import { monteCarlo, resampleIndices, type MonteCarloResult, type ResampleMethod } from '../../../lib/backtest/validation';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

// The resampling schemes are checked against their exact theory: conditional on the data, the
// bootstrap mean has expectation mean(x) and variance
//   i.i.d.:           c(0) / n                                     (c: autocovariance, divisor n)
//   circular blocks:  (1/k) (1/n) sum_i (blockMean_i - mean)^2     (n = k * b, blocks wrap)
//   stationary (p = 1/b): (1/n) [c(0) + 2 sum_{k=1}^{n-1} (1 - k/n) (1 - p)^k cCirc(k)]
// (Politis & Romano 1994; cCirc the circular autocovariance), on an AR(1) series where blocks
// matter. Monte Carlo error decides the tolerances: with S samples the mean is off by
// sqrt(var / S) (we allow 4.5 of those), the variance by sqrt(2 / S) relative (we allow 4.5x).
// scipy 1.x stats.bootstrap(method='percentile', n_resamples=20000) gives a reference CI of the
// mean; each percentile end has Monte Carlo error ~0.02 sd of the bootstrap mean, so ours must be
// within 0.15 sd of scipy's. The numpy quantile rule is checked exactly on our own samples.
const N = 500;
const S = 8000;
let x: Float64Array;
let runs: Record<ResampleMethod, MonteCarloResult>;
let ref: { ciLower: number; ciUpper: number; finalQuantiles: number[]; sharpeCi: [number, number] };
let withFan: MonteCarloResult;

const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
};

beforeAll(() => {
  const rng = createRng(11);
  x = new Float64Array(N);
  let prev = 0;
  for (let t = 0; t < N; t++) { prev = 0.6 * prev + 0.01 * rng.normal(); x[t] = 0.0005 + prev; }
  runs = {} as Record<ResampleMethod, MonteCarloResult>;
  for (const method of ['bootstrap', 'blockBootstrap', 'stationaryBootstrap'] as const) {
    runs[method] = monteCarlo({
      returns: x, method, samples: S, rng: createRng(1), statistics: [], custom: { mean },
      ...(method === 'bootstrap' ? {} : { blockSize: 10 }),
    });
  }
  withFan = monteCarlo({ returns: x, samples: 2000, rng: createRng(5), fan: { points: 'all', quantiles: [0.1, 0.5, 0.9] } });
  ref = runPython(`
import numpy as np
from scipy import stats
x = np.array(inp['x'])
res = stats.bootstrap((x,), np.mean, n_resamples=20000, method='percentile', confidence_level=0.95, rng=np.random.default_rng(3))
final = np.array(inp['final'])
sharpe = np.array(inp['sharpe'])
print(json.dumps({'ciLower': float(res.confidence_interval.low), 'ciUpper': float(res.confidence_interval.high),
  'finalQuantiles': np.quantile(final, [0.1, 0.5, 0.9]).tolist(), 'sharpeCi': np.quantile(sharpe, [0.025, 0.975]).tolist()}))
`, { x: Array.from(x), final: Array.from(withFan.statistics.finalEquity!.values), sharpe: Array.from(withFan.statistics.sharpe!.values) });
});

function theory(method: ResampleMethod, b: number): number {
  const m = mean(x);
  const d = Array.from(x, (v) => v - m);
  const circular = (k: number) => d.reduce((s, v, t) => s + v * d[(t + k) % N]!, 0) / N;
  if (method === 'bootstrap') return circular(0) / N;
  if (method === 'blockBootstrap') {
    let ss = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < b; j++) s += x[(i + j) % N]!;
      ss += (s / b - m) ** 2;
    }
    return ss / N / (N / b);
  }
  let v = circular(0);
  for (let k = 1; k < N; k++) v += 2 * (1 - k / N) * (1 - 1 / b) ** k * circular(k);
  return v / N;
}

describe('resampling schemes against their exact bootstrap variance', () => {
  for (const method of ['bootstrap', 'blockBootstrap', 'stationaryBootstrap'] as const) {
    it(method, () => {
      const d = runs[method].statistics.mean!;
      const expected = theory(method, 10);
      expect(d.values).toHaveLength(S);
      expect(Math.abs(d.mean - mean(x))).toBeLessThan(4.5 * Math.sqrt(expected / S));
      expect(Math.abs(d.std ** 2 / expected - 1)).toBeLessThan(4.5 * Math.sqrt(2 / S));
      expect(runs[method].blockSize).toBe(method === 'bootstrap' ? undefined : 10);
    });
  }

  it('blocks matter on autocorrelated returns: block variances exceed the i.i.d. one by ~(1 + rho) / (1 - rho)', () => {
    expect(theory('stationaryBootstrap', 10) / theory('bootstrap', 1)).toBeGreaterThan(2);
    expect(runs.stationaryBootstrap.statistics.mean!.std).toBeGreaterThan(1.4 * runs.bootstrap.statistics.mean!.std);
  });

  it('the i.i.d. percentile CI of the mean agrees with scipy.stats.bootstrap', () => {
    const sd = Math.sqrt(theory('bootstrap', 1));
    const ci = monteCarlo({ returns: x, method: 'bootstrap', samples: 20000, rng: createRng(2), statistics: [], custom: { mean } }).statistics.mean!.ci;
    expect(ci.confidence).toBe(0.95);
    expect(Math.abs(ci.lower - ref.ciLower)).toBeLessThan(0.15 * sd);
    expect(Math.abs(ci.upper - ref.ciUpper)).toBeLessThan(0.15 * sd);
  });

  it('block indices run consecutively around the circle', () => {
    const idx = resampleIndices('blockBootstrap', 7, 3, createRng(4), new Int32Array(9));
    for (const start of [0, 3, 6]) {
      expect(idx[start + 1]).toBe((idx[start]! + 1) % 7);
      expect(idx[start + 2]).toBe((idx[start]! + 2) % 7);
    }
  });
});

describe('monteCarlo statistics, intervals and fan', () => {
  it('observed statistics are those of performanceMetrics; intervals use numpy quantiles', () => {
    const m = performanceMetrics(x);
    const s = withFan.statistics;
    expect(s.sharpe!.observed).toBeCloseTo(m.sharpe, 12);
    expect(s.maxDrawdown!.observed).toBeCloseTo(m.maxDrawdown, 14);
    expect(s.finalEquity!.observed).toBeCloseTo(1 + m.totalReturn, 14);
    expect(s.annualReturn!.observed).toBeCloseTo(m.annualReturn, 12);
    expect(s.sharpe!.ci.lower).toBeCloseTo(ref.sharpeCi[0], 12);
    expect(s.sharpe!.ci.upper).toBeCloseTo(ref.sharpeCi[1], 12);
    expect(s.maxDrawdown!.ci.upper).toBeLessThanOrEqual(0);
    // Each sample's statistics agree with performanceMetrics on that sample.
    const idx = resampleIndices('stationaryBootstrap', N, 8, createRng(9), new Int32Array(N));
    const one = monteCarlo({ returns: x, samples: 1, rng: createRng(9), blockSize: 8 });
    const pm = performanceMetrics(Float64Array.from(idx, (i) => x[i]!));
    expect(one.statistics.sharpe!.values[0]).toBeCloseTo(pm.sharpe, 12);
    expect(one.statistics.maxDrawdown!.values[0]).toBeCloseTo(pm.maxDrawdown, 14);
  });

  it('the fan starts at equity 1 and its last step is the final-equity distribution', () => {
    const fan = withFan.fan!;
    expect(fan.steps).toHaveLength(N + 1);
    expect(fan.steps[0]).toBe(0);
    for (const band of fan.bands) expect(band[0]).toBe(1);
    fan.bands.forEach((band, q) => expect(band[N]).toBeCloseTo(ref.finalQuantiles[q]!, 12));
    for (let k = 0; k <= N; k++) {
      expect(fan.bands[0]![k]).toBeLessThanOrEqual(fan.bands[1]![k]!);
      expect(fan.bands[1]![k]).toBeLessThanOrEqual(fan.bands[2]![k]!);
    }
    // Bounded by default: 101 evenly spread points, the same values where the steps coincide.
    const small = monteCarlo({ returns: x, samples: 2000, rng: createRng(5), fan: { quantiles: [0.1, 0.5, 0.9] } }).fan!;
    expect(small.steps).toHaveLength(101);
    expect(small.steps[100]).toBe(N);
    expect(small.bands[1]![50]).toBe(fan.bands[1]![250]);
    expect(monteCarlo({ returns: x, samples: 10, rng: createRng(5) }).fan).toBeUndefined();
  });

  it('is reproducible: the same seed gives the same result, another seed another', () => {
    const a = monteCarlo({ returns: x, samples: 300, rng: createRng(42), fan: true });
    const b = monteCarlo({ returns: x, samples: 300, rng: createRng(42), fan: true });
    const c = monteCarlo({ returns: x, samples: 300, rng: createRng(43), fan: true });
    expect(Array.from(a.statistics.sharpe!.values)).toEqual(Array.from(b.statistics.sharpe!.values));
    expect(a.fan!.bands.map((q) => Array.from(q))).toEqual(b.fan!.bands.map((q) => Array.from(q)));
    expect(Array.from(a.statistics.sharpe!.values)).not.toEqual(Array.from(c.statistics.sharpe!.values));
    expect(a.seed).toBe(42);
    expect(a.method).toBe('stationaryBootstrap');
    expect(a.blockSize).toBe(8); // round(500^(1/3))
  });

  it('trade returns: final equity and drawdown by default; a horizon sets the path length', () => {
    const trades = Float64Array.of(0.05, -0.02, 0.03, -0.04, 0.01, NaN);
    const r = monteCarlo({ tradeReturns: trades, samples: 500, rng: createRng(1) });
    expect(Object.keys(r.statistics)).toEqual(['finalEquity', 'maxDrawdown']);
    expect(r.method).toBe('bootstrap');
    expect(r.statistics.finalEquity!.observed).toBeCloseTo(1.05 * 0.98 * 1.03 * 0.96 * 1.01, 14);
    const year = monteCarlo({ tradeReturns: trades, samples: 200, rng: createRng(1), horizon: 50, periodsPerYear: 50, statistics: ['annualReturn', 'finalEquity'] });
    expect(year.horizon).toBe(50);
    year.statistics.annualReturn!.values.forEach((a, k) => expect(a).toBeCloseTo(year.statistics.finalEquity!.values[k]! - 1, 12));
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const rng = createRng(1);
    const cases: [object, RegExp][] = [
      [{ rng }, /^options\.returns = undefined: is missing\. Fix: pass either returns/],
      [{ returns: x, tradeReturns: x, rng }, /^options\.tradeReturns = array of length 500: cannot be combined with options\.returns/],
      [{ returns: x }, /^options\.rng = undefined: must be an Rng\. Fix: pass createRng\(seed\)/],
      [{ returns: x, rng, method: 'jackknife' }, /^options\.method = "jackknife": must be one of 'bootstrap', 'blockBootstrap', 'stationaryBootstrap'/],
      [{ returns: x, rng, method: 'bootstrap', blockSize: 5 }, /^options\.blockSize = 5: has no effect with method 'bootstrap'/],
      [{ returns: x, rng, blockSize: 600 }, /^options\.blockSize = 600: exceeds the 500 returns/],
      [{ returns: x, rng, samples: 0 }, /^options\.samples = 0: must be a whole number >= 1/],
      [{ returns: Float64Array.of(0.1, -1.5), rng }, /^options\.returns\[1\] = -1\.5: is not a return above -100%\. Fix: check the prices for a zero, or pass simple returns/],
      [{ returns: Float64Array.of(0.1, NaN), rng }, /^options\.returns = array of length 2: holds 1 non-NaN returns/],
      [{ returns: x, rng, statistics: ['sortino'] }, /^options\.statistics = "sortino": is not a known statistic\. Fix: use sharpe, maxDrawdown, finalEquity, annualReturn, or options\.custom/],
      [{ tradeReturns: x, rng, statistics: ['sharpe'] }, /^options\.periodsPerYear = undefined: is required for sharpe of trade returns \(trades per year\)/],
      [{ returns: x, rng, custom: { sharpe: () => 1 } }, /^options\.custom\.sharpe = "sharpe": has the name of a built-in statistic/],
      [{ returns: x, rng, confidence: 95 }, /^options\.confidence = 95: must be in \(0, 1\)\. Fix: pass e\.g\. 0\.95/],
      [{ returns: x, rng, fan: { quantiles: [0.5, 0.1] } }, /^options\.fan\.quantiles\[1\] = 0\.1: must be in \(0, 1\) and above the previous one/],
      [{ returns: x, rng, fan: { points: 1 } }, /^options\.fan\.points = 1: must be a whole number >= 2/],
      [{ returns: x, rng, fan: { bands: 3 } }, /^options\.fan\.bands = 3: is not a known option/],
      [{ returns: x, rng, paths: true }, /^options\.paths = true: is not a known option/],
    ];
    for (const [options, message] of cases) expect(() => monteCarlo(options as never)).toThrow(message);
  });
});
