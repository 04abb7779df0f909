// Half-life vs a statsmodels 0.15.0 OLS of the same regression (1e-8), spread z-score vs pandas 3.1
// rolling / expanding mean and std (1e-9), on the log S&P 500 / NASDAQ OLS spread and simulated spreads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfLife, hedgeSpread, olsHedgeRatio, spreadZScore } from '../../lib/stats';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';
import { maxScaledDiff, spNasdaqLogPrices } from './pairs-reference';

const measured: string[] = [];
afterAll(() => { if (process.env.PAIRS_REPORT) console.log(measured.join('\n')); });

interface HalfLifeRef { params: number[]; bse: number[]; tvalues: number[]; rsquared: number; scale: number; halfLife: number }

/** Reference: OLS(np.diff(s), add_constant(s[:-1])).fit() (or without constant); half-life -log(2) / lambda. */
function halfLifeReference(s: Float64Array, intercept: boolean): HalfLifeRef {
  return runPython(`
import numpy as np
import statsmodels.api as sm
s = np.asarray(inp['s'])
X = sm.add_constant(s[:-1]) if inp['intercept'] else s[:-1, None]
r = sm.OLS(np.diff(s), X).fit()
lam = r.params[-1]
print(json.dumps({'params': r.params.tolist(), 'bse': r.bse.tolist(), 'tvalues': r.tvalues.tolist(),
                  'rsquared': r.rsquared, 'scale': r.scale, 'halfLife': -np.log(2) / lam}))
`, { s: Array.from(s), intercept });
}

function simulateAr(phi: number, n: number, seed: number, mean = 0): Float64Array {
  const rng = createRng(seed), s = new Float64Array(n);
  s[0] = mean;
  for (let t = 1; t < n; t++) s[t] = mean + phi * (s[t - 1] - mean) + rng.normal();
  return s;
}

describe('halfLife vs statsmodels OLS of diff(spread) on lagged spread (rel 1e-8)', () => {
  let spNasdaqSpread: Float64Array;
  beforeAll(() => {
    const d = spNasdaqLogPrices();
    spNasdaqSpread = olsHedgeRatio(Float64Array.from(d.x), Float64Array.from(d.y)).spread;
  });
  it.each([
    { label: 'S&P 500 / NASDAQ OLS spread, intercept', spread: () => spNasdaqSpread, intercept: true },
    { label: 'S&P 500 / NASDAQ OLS spread, no intercept', spread: () => spNasdaqSpread, intercept: false },
    { label: 'simulated AR(1) phi 0.9 around 5 (seed 4, n 3000)', spread: () => simulateAr(0.9, 3000, 4, 5), intercept: true },
  ])('$label', ({ label, spread, intercept }) => {
    const s = spread();
    const ref = halfLifeReference(s, intercept);
    const ours = halfLife(s, { intercept });
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const k = intercept ? 1 : 0;
    const errs: Record<string, number> = {
      halfLife: rel(ours.halfLife, ref.halfLife), lambda: rel(ours.lambda, ref.params[k]), lambdaSe: rel(ours.lambdaStdErr, ref.bse[k]),
      t: rel(ours.lambdaTStat, ref.tvalues[k]), r2: rel(ours.rSquared, ref.rsquared), scale: rel(ours.residualVariance, ref.scale),
    };
    if (intercept) { errs.c = rel(ours.intercept, ref.params[0]); errs.cSe = rel(ours.interceptStdErr, ref.bse[0]); }
    measured.push(`half-life ${label}: half-life ${ours.halfLife.toFixed(3)} bars; ${Object.entries(errs).map(([n, v]) => `${n} ${v.toExponential(2)}`).join(', ')}`);
    for (const [n, v] of Object.entries(errs)) expect(v, n).toBeLessThan(1e-8);
    expect(ours.meanReverting).toBe(true);
    expect(ours.nobs).toBe(s.length - 1);
  });

  it('recovers the simulated half-life: phi 0.9 gives -ln 2 / (phi - 1) = 6.93 bars', () => {
    const hl = halfLife(simulateAr(0.9, 20000, 8)).halfLife;
    expect(Math.abs(hl - -Math.LN2 / (0.9 - 1))).toBeLessThan(0.5);
  });

  it('flags a series that does not mean revert (Infinity) and one that overshoots explosively (NaN)', () => {
    const explosive = Float64Array.from({ length: 200 }, (_, t) => 1.02 ** t + 0.01 * Math.sin(t));
    const up = halfLife(explosive);
    expect(up.status).toBe('not-mean-reverting');
    expect(up.meanReverting).toBe(false);
    expect(up.halfLife).toBe(Infinity);
    expect(up.lambda).toBeGreaterThan(0);
    const flip = Float64Array.from({ length: 60 }, (_, t) => (-1.2) ** t + 0.01 * Math.cos(t));
    const over = halfLife(flip, { intercept: false });
    expect(over.status).toBe('overshooting');
    expect(Number.isNaN(over.halfLife)).toBe(true);
    expect(over.lambda).toBeLessThan(-2);
  });
});

interface ZRef { mean: (number | null)[]; std: (number | null)[]; z: (number | null)[] }
/** Reference: pandas Series.rolling(window) (or .expanding(min_periods=window)) .mean() / .std(ddof=ddof). */
function zReference(s: Float64Array, window: number, expanding: boolean, ddof: number): ZRef {
  return runPython(`
import numpy as np, pandas as pd
s = pd.Series(inp['s'])
r = s.expanding(min_periods=inp['w']) if inp['expanding'] else s.rolling(inp['w'])
m, sd = r.mean(), r.std(ddof=inp['ddof'])
z = (s - m) / sd
nan = lambda a: [None if not np.isfinite(v) else float(v) for v in a.values]
print(json.dumps({'mean': nan(m), 'std': nan(sd), 'z': nan(z)}))
`, { s: Array.from(s), w: window, expanding, ddof });
}
const nanify = (a: (number | null)[]) => Float64Array.from(a, (v) => (v === null ? NaN : v));

describe('spreadZScore vs pandas rolling / expanding mean and std (1e-9)', () => {
  let spread: Float64Array;
  beforeAll(() => {
    const d = spNasdaqLogPrices();
    spread = olsHedgeRatio(Float64Array.from(d.x), Float64Array.from(d.y)).spread;
  });
  it.each([
    { window: 20, expanding: false, ddof: 1 as const },
    { window: 250, expanding: false, ddof: 0 as const },
    { window: 20, expanding: true, ddof: 1 as const },
  ])('window $window, expanding $expanding, ddof $ddof', ({ window, expanding, ddof }) => {
    const ref = zReference(spread, window, expanding, ddof);
    const ours = spreadZScore(spread, { window, expanding, ddof });
    const errs = {
      mean: maxScaledDiff(ours.mean, nanify(ref.mean), 1), std: maxScaledDiff(ours.std, nanify(ref.std), 1e-3),
      z: maxScaledDiff(ours.zScore, nanify(ref.z), 1),
    };
    measured.push(`z-score w=${window} expanding=${expanding} ddof=${ddof}: ${Object.entries(errs).map(([n, v]) => `${n} ${v.toExponential(2)}`).join(', ')}`);
    for (const [n, v] of Object.entries(errs)) expect(v, n).toBeLessThan(1e-9);
    expect(Number.isNaN(ours.zScore[window - 2]) && Number.isFinite(ours.zScore[window - 1])).toBe(true);
  });

  it('has no look-ahead: z at t is unchanged when later bars change', () => {
    const s = simulateAr(0.95, 500, 2), t = 300;
    const a = spreadZScore(s, { window: 40 });
    const s2 = Float64Array.from(s);
    for (let i = t + 1; i < s2.length; i++) s2[i] = 1e3;
    const b = spreadZScore(s2, { window: 40 });
    expect(Array.from(b.zScore.subarray(0, t + 1))).toEqual(Array.from(a.zScore.subarray(0, t + 1)));
    expect(b.zScore[t + 1]).not.toBe(a.zScore[t + 1]);
  });

  it('hedgeSpread applies a fixed or per-bar ratio', () => {
    const x = Float64Array.of(1, 2, 3), y = Float64Array.of(3, 5, 8);
    expect(Array.from(hedgeSpread(x, y, 2, 1))).toEqual([0, 0, 1]);
    expect(Array.from(hedgeSpread(x, y, Float64Array.of(1, 2, 2), Float64Array.of(0, 1, 2)))).toEqual([2, 0, 0]);
  });
});
