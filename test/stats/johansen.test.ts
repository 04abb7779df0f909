// Johansen test vs statsmodels 0.15.0 coint_johansen / select_coint_rank (calls in pairs-reference.ts).
// Tolerances: eigenvalues 1e-8 absolute, trace and max-eig statistics 1e-6 relative, critical values
// exact, eigenvectors 1e-6 relative to each column's largest element (columns after the first up to sign).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cointegrationRankFromTest, johansenCriticalValues, johansenTest, selectCointegrationRank, type JohansenResult,
} from '../../lib/stats';
import { runPython } from '../helpers/python';
import {
  johansenReference, maxAbsDiff, maxRelDiff, simulateSystem, spNasdaqLogPrices, type JohansenReference,
} from './pairs-reference';

const measured: string[] = [];
afterAll(() => { if (process.env.PAIRS_REPORT) console.log(measured.join('\n')); });

interface Case { detOrder: -1 | 0 | 1; k: number }
const CASES: Case[] = [-1, 0, 1].flatMap((d) => [0, 1, 2].map((k) => ({ detOrder: d as -1 | 0 | 1, k })));

function compare(label: string, ours: JohansenResult, ref: JohansenReference): void {
  const eigAbs = maxAbsDiff(ours.eigenvalues, ref.eig);
  const traceRel = maxRelDiff(ours.traceStat, ref.lr1);
  const maxEigRel = maxRelDiff(ours.maxEigStat, ref.lr2);
  let evecRel = 0;
  const n = ours.neqs;
  for (let j = 0; j < n; j++) {
    const mine = ours.eigenvectors.map((row) => row[j]), theirs = ref.evec.map((row) => row[j]);
    const scale = Math.max(...theirs.map(Math.abs));
    const sign = j === 0 ? 1 : Math.sign(theirs.reduce((s, v, i) => s + v * mine[i], 0));
    evecRel = Math.max(evecRel, maxAbsDiff(mine.map((v) => sign * v), theirs) / scale);
  }
  measured.push(`${label}: eig abs ${eigAbs.toExponential(2)}, trace rel ${traceRel.toExponential(2)}, maxeig rel ${maxEigRel.toExponential(2)}, evec rel ${evecRel.toExponential(2)}`);
  expect(eigAbs, `${label} eigenvalues`).toBeLessThan(1e-8);
  expect(traceRel, `${label} trace`).toBeLessThan(1e-6);
  expect(maxEigRel, `${label} max-eig`).toBeLessThan(1e-6);
  expect(evecRel, `${label} eigenvectors`).toBeLessThan(1e-6);
  expect(ours.traceCriticalValues).toEqual(ref.cvt);
  expect(ours.maxEigCriticalValues).toEqual(ref.cvm);
  for (const method of ['trace', 'maxeig'] as const) {
    for (const signif of [0.1, 0.05, 0.01] as const) {
      expect(cointegrationRankFromTest(ours, method, signif).rank, `${label} rank ${method} ${signif}`).toBe(ref.rank[method][String(signif)]);
    }
  }
}

describe('johansenTest on log S&P 500 / NASDAQ (arch.data) vs statsmodels coint_johansen', () => {
  let series: Float64Array[];
  let refs: JohansenReference[];
  beforeAll(() => {
    const d = spNasdaqLogPrices();
    series = [Float64Array.from(d.x), Float64Array.from(d.y)];
    refs = johansenReference(series, CASES);
  });
  it.each(CASES)('det_order $detOrder, k_ar_diff $k', ({ detOrder, k }) => {
    const i = CASES.findIndex((c) => c.detOrder === detOrder && c.k === k);
    const ours = johansenTest(series, { detOrder, kArDiff: k });
    expect(ours.nobs).toBe(series[0].length - 1 - k);
    compare(`sp500/nasdaq d=${detOrder} k=${k}`, ours, refs[i]);
  });
});

describe.each([
  { kind: 'pair' as const, n: 1500, seed: 12, rank: 1 },
  { kind: 'triple' as const, n: 2000, seed: 17, rank: 1 },
  { kind: 'rank2' as const, n: 1200, seed: 13, rank: 2 },
  { kind: 'six' as const, n: 2500, seed: 14, rank: 4 },
])('johansenTest on a simulated $kind system (n $n, seed $seed) vs statsmodels', ({ kind, n, seed, rank }) => {
  const cases: Case[] = [{ detOrder: -1, k: 1 }, { detOrder: 0, k: 1 }, { detOrder: 1, k: 1 }, { detOrder: 0, k: 0 }, { detOrder: 1, k: 3 }];
  let series: Float64Array[];
  let refs: JohansenReference[];
  beforeAll(() => {
    series = simulateSystem(kind, n, seed);
    refs = johansenReference(series, cases);
  });
  it('agrees with coint_johansen for det_order -1/0/1 and k_ar_diff 0..3', () => {
    cases.forEach((c, i) => compare(`${kind} d=${c.detOrder} k=${c.k}`, johansenTest(series, { detOrder: c.detOrder, kArDiff: c.k }), refs[i]));
  });
  it(`recovers the simulated cointegration rank ${rank} (trace and max-eig at 5%)`, () => {
    expect(selectCointegrationRank(series).rank).toBe(rank);
    expect(selectCointegrationRank(series, { method: 'maxeig', signif: 0.05 }).rank).toBe(rank);
  });
});

describe('Johansen critical values and rank selection', () => {
  it('reproduces every tabulated value of statsmodels c_sjt / c_sja exactly (n - r = 1..12, det_order -1/0/1)', () => {
    const ref = runPython<{ t: number[][][]; m: number[][][] }>(`
from statsmodels.tsa.coint_tables import c_sja, c_sjt
print(json.dumps({'t': [[c_sjt(n, p).tolist() for n in range(1, 13)] for p in (-1, 0, 1)],
                  'm': [[c_sja(n, p).tolist() for n in range(1, 13)] for p in (-1, 0, 1)]}))`);
    ([-1, 0, 1] as const).forEach((d, p) => {
      for (let n = 1; n <= 12; n++) {
        expect(johansenCriticalValues('trace', n, d)).toEqual(ref.t[p][n - 1]);
        expect(johansenCriticalValues('maxeig', n, d)).toEqual(ref.m[p][n - 1]);
      }
    });
  });

  it('selectCointegrationRank returns the tested statistics and critical values like select_coint_rank', () => {
    const series = simulateSystem('triple', 800, 21);
    const ref = runPython<{ rank: number; stats: number[]; crit: number[] }>(`
import numpy as np
from statsmodels.tsa.vector_ar.vecm import select_coint_rank
r = select_coint_rank(np.column_stack(inp), 0, 2, 'maxeig', 0.01)
print(json.dumps({'rank': int(r.rank), 'stats': r.test_stats.tolist(), 'crit': r.crit_vals.tolist()}))`,
    series.map((s) => Array.from(s)));
    const ours = selectCointegrationRank(series, { detOrder: 0, kArDiff: 2, method: 'maxeig', signif: 0.01 });
    expect(ours.rank).toBe(ref.rank);
    expect(maxRelDiff(ours.testStats, ref.stats)).toBeLessThan(1e-6);
    expect(ours.criticalValues).toEqual(ref.crit);
    expect(JSON.parse(JSON.stringify(ours))).toEqual(ours);
  });

  it('normalises eigenvectors to v^T Skk v = 1 with a positive first element, and serialises as JSON', () => {
    const series = simulateSystem('rank2', 600, 5);
    const res = johansenTest(series, { detOrder: 0, kArDiff: 1 });
    for (let j = 0; j < 3; j++) expect(res.eigenvectors.find((row) => row[j] !== 0)![j]).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
    expect(res.eigenvalues[0]).toBeGreaterThanOrEqual(res.eigenvalues[1]);
    expect(res.eigenvalues[1]).toBeGreaterThanOrEqual(res.eigenvalues[2]);
  });
});
