import { beforeAll, describe, expect, it } from 'vitest';
import { riskParityWeights, rollingRiskParity } from '../../../lib/backtest/sizing';
import { rowsBetween } from '../../../lib/data/bars';
import { readClosePanelCsv } from '../../../lib/data/panel';
import { STOCKS20_GZ } from '../../data/fixtures';
import { runPython } from '../../helpers/python';

// Reference: skfolio 1.12.2 RiskBudgeting(risk_measure=VARIANCE) (cvxpy + Clarabel, tolerances
// tightened to 1e-12) on the same daily returns of 6 of the 20 stocks, 2015-2022; equal budgets
// and budgets [3, 1, 1, 1, 1, 1]. skfolio's risk contributions are equal to ~1e-6, so weights
// are compared to 2e-5; ours are checked for equal contributions to 1e-10 directly.
const SYMBOLS = ['AAPL', 'JNJ', 'KO', 'XOM', 'JPM', 'RRC'];
const BUDGETS = [3, 1, 1, 1, 1, 1];
let columns: Float64Array[];
let all20: Float64Array[];
let ref: { equal: number[]; budgeted: number[] };

beforeAll(() => {
  const panel = readClosePanelCsv(STOCKS20_GZ);
  const { start, end } = rowsBetween(panel.time, '2015-01-01', '2022-12-31');
  const returnsOf = (s: string) => {
    const close = panel.close[panel.symbols.indexOf(s)]!.subarray(start, end);
    return Float64Array.from({ length: close.length - 1 }, (_, t) => close[t + 1]! / close[t]! - 1);
  };
  columns = SYMBOLS.map(returnsOf);
  all20 = panel.symbols.map(returnsOf);
  ref = runPython(`
import numpy as np
from skfolio import RiskMeasure
from skfolio.optimization import RiskBudgeting
X = np.array(inp['columns']).T
tight = dict(tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12, tol_ktratio=1e-10)
def fit(budget):
    m = RiskBudgeting(risk_measure=RiskMeasure.VARIANCE, risk_budget=budget, solver='CLARABEL', solver_params=tight)
    return m.fit(X).weights_.tolist()
print(json.dumps({'equal': fit(None), 'budgeted': fit(np.array(inp['budgets'], dtype=float))}))
`, { columns: columns.map((c) => Array.from(c)), budgets: BUDGETS });
});

function contributions(cov: number[][], w: ArrayLike<number>): number[] {
  const sw = cov.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
  const total = sw.reduce((s, v, i) => s + v * w[i]!, 0);
  return sw.map((v, i) => (v * w[i]!) / total);
}

function sampleCovariance(cols: readonly Float64Array[]): number[][] {
  const m = cols[0]!.length;
  const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / m);
  return cols.map((a, i) => cols.map((b, j) => {
    let s = 0;
    for (let t = 0; t < m; t++) s += (a[t]! - means[i]!) * (b[t]! - means[j]!);
    return s / (m - 1);
  }));
}

describe('riskParityWeights', () => {
  it('equal risk contributions to 1e-10, matching skfolio RiskBudgeting', () => {
    const result = riskParityWeights({ returns: columns });
    const rc = contributions(sampleCovariance(columns), result.weights);
    for (const c of rc) expect(Math.abs(c - 1 / SYMBOLS.length)).toBeLessThan(1e-10);
    for (const [i, c] of Array.from(result.riskContributions).entries()) expect(c).toBeCloseTo(rc[i]!, 12);
    expect(result.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    result.weights.forEach((w, i) => expect(Math.abs(w - ref.equal[i]!)).toBeLessThan(2e-5));
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThan(20);
  });

  it('risk budgets: contributions proportional to the budgets, matching skfolio', () => {
    const result = riskParityWeights({ covariance: sampleCovariance(columns) }, { riskBudgets: BUDGETS });
    const rc = contributions(sampleCovariance(columns), result.weights);
    rc.forEach((c, i) => expect(Math.abs(c - BUDGETS[i]! / 8)).toBeLessThan(1e-10));
    result.weights.forEach((w, i) => expect(Math.abs(w - ref.budgeted[i]!)).toBeLessThan(2e-5));
  });

  it('inverse volatility by hand; it equals ERC when the assets are uncorrelated', () => {
    const cov = [[0.04, 0, 0], [0, 0.01, 0], [0, 0, 0.0025]];
    const iv = riskParityWeights({ covariance: cov }, { method: 'inverseVolatility' });
    // 1/0.2 : 1/0.1 : 1/0.05 = 5 : 10 : 20
    expect(Array.from(iv.weights)).toEqual([5 / 35, 10 / 35, 20 / 35].map((v) => expect.closeTo(v, 15)));
    expect(iv.iterations).toBe(0);
    const erc = riskParityWeights({ covariance: cov.map((r) => Float64Array.from(r)) });
    erc.weights.forEach((w, i) => expect(w).toBeCloseTo(iv.weights[i]!, 12));
    expect(iv.volatility).toBeCloseTo(Math.sqrt(3 * (5 / 35) ** 2 * 0.04), 14);
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => riskParityWeights({ covariance: [[1, 0.5], [0.4, 1]] }), /^input\.covariance\[1\]\[0\] = 0\.4: differs from input\.covariance\[0\]\[1\] = 0\.5 \(the matrix must be symmetric\)/],
      [() => riskParityWeights({ covariance: [[1, 0], [0]] }), /^input\.covariance\[1\] = array of length 1: must hold 2 numbers/],
      [() => riskParityWeights({ covariance: [[0, 0], [0, 1]] }), /^input\.covariance\[0\]\[0\] = 0: is a variance and must be positive\. Fix: drop assets/],
      [() => riskParityWeights({ covariance: [] }), /^input\.covariance = array of length 0: must be a non-empty array of rows/],
      // A riskless long portfolio (perfect negative correlation): no finite equal-risk solution.
      [() => riskParityWeights({ covariance: [[1, -1], [-1, 1]] }), /^covariance = "2 x 2 matrix": equal risk contributions did not converge \(largest contribution error .* after at most 100 iterations\)\. Fix: check that the covariance is positive definite/],
      [() => riskParityWeights({ returns: [Float64Array.of(0.1, NaN, 0.2)] }), /^returns\[0\]\[1\] = NaN: is not a finite return\. Fix: drop the bars/],
      [() => riskParityWeights({ returns: [Float64Array.of(0.1, 0.2), Float64Array.of(0.1)] }), /^returns\[1\]\.length = 1: differs from returns\[0\]\.length = 2/],
      [() => riskParityWeights({ returns: columns, covariance: [[1]] }), /^input = .*holds both covariance and returns/],
      [() => riskParityWeights({ returns: columns }, { method: 'hrp' as never }), /^options\.method = "hrp": must be 'inverseVolatility' or 'equalRiskContribution'/],
      [() => riskParityWeights({ returns: columns }, { method: 'inverseVolatility', riskBudgets: [1, 1, 1, 1, 1, 1] }), /^options\.riskBudgets = array of length 6: applies to method 'equalRiskContribution' only/],
      [() => riskParityWeights({ returns: columns }, { riskBudgets: [1, 1] }), /^options\.riskBudgets = array of length 2: must hold 6 numbers, one per asset/],
      [() => riskParityWeights({ returns: columns }, { riskBudgets: [1, 1, 0, 1, 1, 1] }), /^options\.riskBudgets\[2\] = 0: must be a positive finite number/],
      [() => riskParityWeights({ returns: columns }, { budgets: [1] } as never), /^options\.budgets = array of length 1: is not a known option/],
    ];
    for (const [call, message] of cases) expect(call).toThrow(message);
  });
});

describe('rollingRiskParity', () => {
  it('weights at t come from the window ending at t alone: no look-ahead, equal to a one-off solve', () => {
    const part = columns.map((c) => c.subarray(0, 400));
    const rolling = rollingRiskParity(part, { window: 60, rebalanceEvery: 5 });
    for (let t = 0; t < 59; t++) expect(rolling[0]![t]).toBeNaN();
    const cut = rollingRiskParity(part.map((c) => c.subarray(0, 250)), { window: 60, rebalanceEvery: 5 });
    cut.forEach((col, i) => expect(Array.from(col)).toEqual(Array.from(rolling[i]!.subarray(0, 250))));
    // Rebalance bars 59, 64, ...; bar 199 = 59 + 28 * 5 is one, bar 201 holds its weights.
    const oneOff = riskParityWeights({ returns: part.map((c) => c.subarray(140, 200)) }).weights;
    oneOff.forEach((w, i) => {
      expect(rolling[i]![199]).toBeCloseTo(w, 12);
      expect(rolling[i]![201]).toBe(rolling[i]![199]);
    });
    expect(rolling[0]![204]).not.toBe(rolling[0]![199]);
  });

  it('all 20 stocks on 60-bar windows (an ill-conditioned covariance): contributions equal to 1e-9 at every bar', () => {
    const part = all20.map((c) => c.subarray(0, 400));
    const rolling = rollingRiskParity(part, { window: 60 });
    let worst = 0;
    for (let t = 59; t < 400; t++) {
      const w = rolling.map((col) => col[t]!);
      const rc = contributions(sampleCovariance(part.map((c) => c.subarray(t - 59, t + 1))), w);
      for (const c of rc) worst = Math.max(worst, Math.abs(c - 1 / 20));
    }
    expect(all20).toHaveLength(20);
    expect(worst).toBeLessThan(1e-9);
  });

  it('a window holding a NaN gives NaN weights until a complete window is rebalanced', () => {
    const part = columns.map((c) => c.slice(0, 200));
    part[2]![100] = NaN;
    const w = rollingRiskParity(part, { window: 50, method: 'inverseVolatility' });
    expect(w[0]![99]).not.toBeNaN();
    expect(w[0]![100]).toBeNaN();
    expect(w[0]![149]).toBeNaN();
    expect(w[0]![150]).not.toBeNaN();
  });

  it('rejects bad input', () => {
    expect(() => rollingRiskParity(columns, { window: 1 })).toThrow(/^options\.window = 1: must be a whole number >= 2\. Fix: pass e\.g\. 60 bars/);
    expect(() => rollingRiskParity(columns, { window: 20, rebalanceEvery: 0 })).toThrow(/^options\.rebalanceEvery = 0: must be a whole number >= 1/);
    expect(() => rollingRiskParity(columns, { window: 20, lookback: 3 } as never)).toThrow(/^options\.lookback = 3: is not a known option/);
  });
});
