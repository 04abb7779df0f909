// Reference data and golden values for the pairs statistics, computed when the tests run with the
// project's .venv (statsmodels 0.15.0, pandas 3.1, numpy 2.4, arch 8.0.0 for the sample data).
// Every reference call is written out in the scripts below, next to the inputs it receives.
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

/** log Adj Close of arch.data.sp500 (x) and arch.data.nasdaq (y), 1999-01-04..2018-12-31, 5031 days. */
export interface SpNasdaq { x: number[]; y: number[] }

let spNasdaq: SpNasdaq | undefined;
export function spNasdaqLogPrices(): SpNasdaq {
  spNasdaq ??= runPython<SpNasdaq>(`
import numpy as np
from arch.data import sp500, nasdaq
a, b = sp500.load()['Adj Close'], nasdaq.load()['Adj Close']
assert (a.index == b.index).all()
print(json.dumps({'x': np.log(a.values).tolist(), 'y': np.log(b.values).tolist()}))
`);
  return spNasdaq;
}

/**
 * Seeded cointegrated systems. 'pair': x a random walk, y = 0.8 x + 1 + AR(1)(0.9) noise.
 * 'triple': x1, x2 random walks, y = 0.5 x1 - 0.3 x2 + 2 + AR(1)(0.7) noise (rank 1).
 * 'rank2': three series sharing one random walk w: a = w + u1, b = 2 w + u2, c = -w + u3, u AR(1)(0.5).
 * 'six': six series from two random walks plus AR(1)(0.6) noise (rank 4).
 */
export function simulateSystem(kind: 'pair' | 'triple' | 'rank2' | 'six', n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  const walk = (drift: number, scale: number) => {
    const w = new Float64Array(n);
    for (let t = 1; t < n; t++) w[t] = w[t - 1] + drift + scale * rng.normal();
    return w;
  };
  const ar = (phi: number, scale: number) => {
    const u = new Float64Array(n);
    for (let t = 1; t < n; t++) u[t] = phi * u[t - 1] + scale * rng.normal();
    return u;
  };
  if (kind === 'pair') {
    const x = walk(0, 1), u = ar(0.9, 0.5);
    return [x, x.map((v, t) => 0.8 * v + 1 + u[t])];
  }
  if (kind === 'triple') {
    const x1 = walk(0, 1), x2 = walk(0.02, 1), u = ar(0.7, 0.5);
    return [x1, x2, x1.map((v, t) => 0.5 * v - 0.3 * x2[t] + 2 + u[t])];
  }
  if (kind === 'rank2') {
    const w = walk(0.01, 1), u1 = ar(0.5, 0.3), u2 = ar(0.5, 0.3), u3 = ar(0.5, 0.3);
    return [w.map((v, t) => v + u1[t]), w.map((v, t) => 2 * v + u2[t]), w.map((v, t) => -v + u3[t])];
  }
  const w1 = walk(0, 1), w2 = walk(0.01, 1);
  const loads = [[1, 0], [0, 1], [1, 1], [0.5, -1], [2, 0.3], [-1, 0.5]];
  return loads.map(([a, b]) => {
    const u = ar(0.6, 0.4);
    return w1.map((v, t) => a * v + b * w2[t] + u[t]);
  });
}

export interface JohansenReference {
  eig: number[]; evec: number[][]; lr1: number[]; lr2: number[]; cvt: number[][]; cvm: number[][];
  /** select_coint_rank(...).rank for [method][signif] with methods trace, maxeig and signif 0.1, 0.05, 0.01. */
  rank: Record<string, Record<string, number>>;
}

/**
 * Reference calls: coint_johansen(endog, det_order, k_ar_diff) and
 * select_coint_rank(endog, det_order, k_ar_diff, method, signif), endog = column_stack(series).
 */
export function johansenReference(series: ArrayLike<number>[], cases: { detOrder: number; k: number }[]): JohansenReference[] {
  return runPython<JohansenReference[]>(`
import numpy as np
from statsmodels.tsa.vector_ar.vecm import coint_johansen, select_coint_rank
endog = np.column_stack([np.asarray(s, float) for s in inp['series']])
out = []
for c in inp['cases']:
    r = coint_johansen(endog, c['detOrder'], c['k'])
    rank = {m: {str(s): int(select_coint_rank(endog, c['detOrder'], c['k'], m, s).rank) for s in (0.1, 0.05, 0.01)}
            for m in ('trace', 'maxeig')}
    out.append({'eig': r.eig.tolist(), 'evec': r.evec.tolist(), 'lr1': r.lr1.tolist(), 'lr2': r.lr2.tolist(),
                'cvt': r.cvt.tolist(), 'cvm': r.cvm.tolist(), 'rank': rank})
print(json.dumps(out))
`, { series: series.map((s) => Array.from(s)), cases });
}

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
};

export const maxRelDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]) / Math.abs(b[i]);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
};

/** Element-wise relative difference, scaled by max(|b|, floor) so exact zeros do not blow it up. */
export const maxScaledDiff = (a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number => {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
};
