// screenPairs against the loop it replaces: statsmodels 0.15 coint(log p_i, log p_j) (trend 'c',
// autolag 'aic') over every pair i < j, then multipletests(pvals, alpha, method) and
// OLS(log p_i, [log p_j, 1]).params for the hedge ratio. Seeded prices built here and sent as JSON.
// Tolerances: statistics 1e-6 relative, p-values 1e-3 absolute (brief), adjustments 1e-12 given the
// same raw p-values (checked separately in diagnostics.test.ts), hedge ratios 1e-9 relative.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import { screenPairs, adjustPValues, type PValueCorrection } from '../../lib/stats';
import { runPython } from '../helpers/python';

const N = 600;
/** Six price series: two common random-walk factors plus AR(1) noise, and one independent walk. */
function universe(seed: number) {
  const rng = createRng(seed);
  const walk = () => { const w = new Float64Array(N); for (let t = 1; t < N; t++) w[t] = w[t - 1] + 0.01 * rng.normal(); return w; };
  const ar = (phi: number) => { const u = new Float64Array(N); for (let t = 1; t < N; t++) u[t] = phi * u[t - 1] + 0.004 * rng.normal(); return u; };
  const f1 = walk(), f2 = walk(), lone = walk();
  const logs = [
    f1.map((v, t) => 4 + v), f1.map((v, t) => 3 + 1.2 * v), f2.map((v, t) => 5 + v),
    f2.map((v, t) => 2 + 0.7 * v), lone.map((v) => 4.5 + v), f1.map((v, t) => 3.5 + 0.5 * v + 0.5 * f2[t]),
  ];
  const noise = logs.map(() => ar(0.8));
  return logs.map((l, k) => ({ symbol: `S${k}`, close: l.map((v, t) => Math.exp(v + noise[k][t])) }));
}

interface ScreenRef { pairs: { i: number; j: number; stat: number; p: number; beta: number; alpha: number }[]; adjusted: Record<string, number[]> }

describe('screenPairs matches the statsmodels coint + multipletests loop', () => {
  const prices = universe(31);
  const py = runPython<ScreenRef>(`
import numpy as np
from statsmodels.tsa.stattools import coint
from statsmodels.stats.multitest import multipletests
import statsmodels.api as sm
logs = [np.log(np.asarray(p, dtype=float)) for p in inp]
pairs = []
for i in range(len(logs)):
    for j in range(i + 1, len(logs)):
        r = coint(logs[i], logs[j], trend='c', autolag='aic')
        b = sm.OLS(logs[i], sm.add_constant(logs[j], prepend=False)).fit().params
        pairs.append({'i': i, 'j': j, 'stat': float(r[0]), 'p': float(r[1]), 'beta': float(b[0]), 'alpha': float(b[1])})
ps = np.array([q['p'] for q in pairs])
adj = {m: multipletests(ps, alpha=0.05, method=m)[1].tolist() for m in ['bonferroni', 'holm', 'fdr_bh']}
print(json.dumps({'pairs': pairs, 'adjusted': adj}))
`, prices.map((p) => Array.from(p.close)));

  const methods: [PValueCorrection, string][] = [['bonferroni', 'bonferroni'], ['holm', 'holm'], ['benjamini-hochberg', 'fdr_bh']];
  it.each(methods)('%s', (method, pyMethod) => {
    const screen = screenPairs(prices, { pValueCorrection: method });
    expect(screen.tests).toBe(15);
    for (const [k, want] of py.pairs.entries()) {
      const row = screen.rows.find((r) => r.y === `S${want.i}` && r.x === `S${want.j}`)!;
      expect(row).toBeDefined();
      expect(Math.abs(row.statistic - want.stat) / Math.abs(want.stat)).toBeLessThan(1e-6);
      expect(Math.abs(row.pValue - want.p)).toBeLessThan(1e-3);
      expect(Math.abs(row.hedgeRatio - want.beta) / Math.abs(want.beta)).toBeLessThan(1e-9);
      expect(Math.abs(row.intercept - want.alpha)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want.alpha)));
      expect(Math.abs(row.adjustedPValue - py.adjusted[pyMethod][k])).toBeLessThan(1e-6);
      expect(row.flags.includes('cointegrated')).toBe(row.rejected);
    }
    // ranked by raw p-value
    for (let r = 1; r < screen.rows.length; r++) expect(screen.rows[r].pValue).toBeGreaterThanOrEqual(screen.rows[r - 1].pValue);
    // the adjustment of the screen's own p-values is exactly adjustPValues on them (order-independent)
    const again = adjustPValues(screen.rows.map((r) => r.pValue), method, 0.05);
    screen.rows.forEach((r, i) => expect(Math.abs(r.adjustedPValue - again.adjusted[i])).toBeLessThanOrEqual(1e-12));
  });

  it('finds the planted cointegrated pairs and not the independent walk', () => {
    const screen = screenPairs(prices);
    const hits = new Set(screen.rows.filter((r) => r.rejected).map((r) => `${r.y}-${r.x}`));
    expect(hits.has('S0-S1')).toBe(true);
    expect(hits.has('S2-S3')).toBe(true);
    for (const h of hits) expect(h.includes('S4')).toBe(false);
  });

  it("direction 'both' runs n(n-1) tests and the reverse regression equals engle-granger on swapped inputs", () => {
    const both = screenPairs(prices, { direction: 'both' });
    expect(both.tests).toBe(30);
    const fwd = both.rows.find((r) => r.y === 'S0' && r.x === 'S1')!, rev = both.rows.find((r) => r.y === 'S1' && r.x === 'S0')!;
    expect(fwd.statistic).not.toBe(rev.statistic);
    expect(fwd.hedgeRatio * rev.hedgeRatio).toBeLessThanOrEqual(1 + 1e-12); // b_yx * b_xy = R^2 <= 1
  });

  it('works on raw prices with useLogPrices: false and flags negative hedge ratios', () => {
    const neg = prices.slice(0, 2).map((p, k) => ({ symbol: p.symbol, close: k === 1 ? p.close.map((v) => 200 - v) : p.close }));
    const screen = screenPairs(neg, { useLogPrices: false });
    expect(screen.rows[0].hedgeRatio).toBeLessThan(0);
    expect(screen.rows[0].flags).toContain('negative-hedge-ratio');
  });
});
