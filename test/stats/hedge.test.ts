// OLS and rolling OLS hedge ratios vs statsmodels 0.15.0 OLS / RollingOLS and pandas rolling cov/var.
// Data: log Adj Close of arch.data sp500 (x) and nasdaq (y), and a seeded simulated pair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olsHedgeRatio, rollingHedgeRatio } from '../../lib/stats';
import { runPython } from '../helpers/python';
import { maxAbsDiff, maxScaledDiff, simulateSystem, spNasdaqLogPrices } from './pairs-reference';

const measured: string[] = [];
afterAll(() => { if (process.env.PAIRS_REPORT) console.log(measured.join('\n')); });

interface OlsRef { params: number[]; bse: number[]; rsquared: number; resid: number[] }
interface RollingRef { params: (number | null)[][]; rsquared: (number | null)[]; pandasBeta: (number | null)[] }

/** Reference: OLS(y, add_constant(x)).fit() and OLS(y, x).fit() (statsmodels 0.15.0). */
function olsReference(x: ArrayLike<number>, y: ArrayLike<number>): { c: OlsRef; nc: OlsRef } {
  return runPython(`
import numpy as np
import statsmodels.api as sm
x, y = np.asarray(inp['x']), np.asarray(inp['y'])
def pack(r): return {'params': r.params.tolist(), 'bse': r.bse.tolist(), 'rsquared': r.rsquared, 'resid': r.resid.tolist()}
print(json.dumps({'c': pack(sm.OLS(y, sm.add_constant(x)).fit()), 'nc': pack(sm.OLS(y, x).fit())}))
`, { x: Array.from(x), y: Array.from(y) });
}

/**
 * Reference: RollingOLS(y, add_constant(x) or x, window).fit(method='lstsq', reset=1) (an exact
 * least-squares solve per window) and pandas y.rolling(window).cov(x) / x.rolling(window).var().
 */
function rollingReference(x: ArrayLike<number>, y: ArrayLike<number>, window: number, intercept: boolean): RollingRef {
  return runPython(`
import numpy as np, pandas as pd
import statsmodels.api as sm
from statsmodels.regression.rolling import RollingOLS
x, y, w = np.asarray(inp['x']), np.asarray(inp['y']), inp['window']
X = sm.add_constant(x) if inp['intercept'] else x[:, None]
r = RollingOLS(y, X, window=w).fit(method='lstsq', reset=1)
xs, ys = pd.Series(x), pd.Series(y)
pb = ys.rolling(w).cov(xs) / xs.rolling(w).var()
nan = lambda a: [None if not np.isfinite(v) else float(v) for v in np.ravel(a)]
print(json.dumps({'params': [nan(c) for c in np.asarray(r.params).T], 'rsquared': nan(r.rsquared), 'pandasBeta': nan(pb.values)}))
`, { x: Array.from(x), y: Array.from(y), window, intercept });
}
const nanify = (a: (number | null)[]) => Float64Array.from(a, (v) => (v === null ? NaN : v));

describe.each([
  { name: 'log S&P 500 / NASDAQ', data: () => { const d = spNasdaqLogPrices(); return { x: Float64Array.from(d.x), y: Float64Array.from(d.y) }; } },
  { name: 'simulated pair (seed 12, n 1500)', data: () => { const [x, y] = simulateSystem('pair', 1500, 12); return { x, y }; } },
])('hedge ratios on $name', ({ name, data }) => {
  let x: Float64Array, y: Float64Array;
  beforeAll(() => ({ x, y } = data()));

  it('olsHedgeRatio matches statsmodels OLS with and without intercept (beta, alpha rel 1e-10)', () => {
    const ref = olsReference(x, y);
    const c = olsHedgeRatio(x, y), nc = olsHedgeRatio(x, y, { intercept: false });
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const errs = {
      beta: rel(c.beta, ref.c.params[1]), alpha: rel(c.alpha, ref.c.params[0]),
      betaSe: rel(c.betaStdErr, ref.c.bse[1]), alphaSe: rel(c.alphaStdErr, ref.c.bse[0]), r2: rel(c.rSquared, ref.c.rsquared),
      spread: maxAbsDiff(c.spread, ref.c.resid),
      ncBeta: rel(nc.beta, ref.nc.params[0]), ncSe: rel(nc.betaStdErr, ref.nc.bse[0]), ncR2: rel(nc.rSquared, ref.nc.rsquared),
      ncSpread: maxAbsDiff(nc.spread, ref.nc.resid),
    };
    measured.push(`${name} OLS: ${Object.entries(errs).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
    for (const [k, v] of Object.entries(errs)) expect(v, k).toBeLessThan(1e-10);
    expect(nc.alpha).toBe(0);
    expect(Number.isNaN(nc.alphaStdErr)).toBe(true);
  });

  it.each([{ window: 60, intercept: true }, { window: 250, intercept: true }, { window: 60, intercept: false }])(
    'rollingHedgeRatio (window $window, intercept $intercept) matches RollingOLS (1e-9) and pandas cov/var',
    ({ window, intercept }) => {
      const ref = rollingReference(x, y, window, intercept);
      const ours = rollingHedgeRatio(x, y, window, { intercept });
      const refBeta = nanify(ref.params[intercept ? 1 : 0]);
      const betaErr = maxScaledDiff(ours.beta, refBeta, 1);
      const alphaErr = intercept ? maxScaledDiff(ours.alpha, nanify(ref.params[0]), 1) : 0;
      const r2Err = maxAbsDiff(ours.rSquared, nanify(ref.rsquared));
      const pandasErr = intercept ? maxScaledDiff(ours.beta, nanify(ref.pandasBeta), 1) : 0;
      measured.push(`${name} rolling w=${window} c=${intercept}: beta ${betaErr.toExponential(2)}, alpha ${alphaErr.toExponential(2)}, R2 ${r2Err.toExponential(2)}, beta vs pandas ${pandasErr.toExponential(2)}`);
      expect(Number.isNaN(ours.beta[window - 2]) && !Number.isNaN(ours.beta[window - 1])).toBe(true);
      expect(betaErr).toBeLessThan(1e-9);
      expect(alphaErr).toBeLessThan(1e-9);
      expect(r2Err).toBeLessThan(1e-9);
      expect(pandasErr).toBeLessThan(1e-9);
      const t = x.length - 1;
      expect(ours.spread[t]).toBeCloseTo(y[t] - ours.beta[t] * x[t] - ours.alpha[t], 12);
    },
  );
});

describe('rollingHedgeRatio has no look-ahead', () => {
  it('the ratio at t does not change when bars after t change, and equals a static OLS on rows t-w+1..t', () => {
    const [x, y] = simulateSystem('pair', 400, 3);
    const w = 50, t = 200;
    const full = rollingHedgeRatio(x, y, w);
    const y2 = Float64Array.from(y);
    for (let i = t + 1; i < y2.length; i++) y2[i] += 100 * Math.sin(i);
    const perturbed = rollingHedgeRatio(x, y2, w);
    expect(Array.from(perturbed.beta.subarray(0, t + 1))).toEqual(Array.from(full.beta.subarray(0, t + 1)));
    expect(perturbed.beta[t + 1]).not.toBe(full.beta[t + 1]);
    const local = olsHedgeRatio(x.slice(t - w + 1, t + 1), y.slice(t - w + 1, t + 1));
    expect(Math.abs(full.beta[t] - local.beta)).toBeLessThan(1e-12);
    expect(Math.abs(full.alpha[t] - local.alpha)).toBeLessThan(1e-11);
  });
});
