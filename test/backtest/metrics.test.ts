import { describe, expect, it } from 'vitest';
import { performanceMetrics, type PerformanceMetrics } from '../../lib/backtest';
import { runPython } from '../helpers/python';

// Reference: empyrical-reloaded 0.7.1 (`import empyrical`) in .venv, called per metric as
//   empyrical.cum_returns_final(r), annual_return(r, annualization=P), annual_volatility(r, annualization=P),
//   sharpe_ratio(r, risk_free=rf, annualization=P), sortino_ratio(r, required_return=rf, annualization=P),
//   max_drawdown(r), calmar_ratio(r, annualization=P)
// on returns generated in Python (numpy default_rng, seeded) and passed to TS as JSON.
// Tolerance: 1e-10 relative (plus 1e-14 absolute for values at zero).
const REFERENCE = `
import numpy as np, empyrical
rng = np.random.default_rng(inp['seed'])
n = inp['n']
# Fat-tailed daily returns with a small drift and volatility clustering: realistic, not Gaussian noise.
vol = 0.01 * np.exp(np.cumsum(rng.normal(0, 0.05, n)) * 0.2)
r = inp['drift'] + vol * rng.standard_t(4, n) / np.sqrt(2)
for i in inp['nan_at']:
    r[i] = np.nan
P, rf = inp['periods'], inp['rf']
def f(x):
    x = float(x)
    return None if np.isnan(x) else x
print(json.dumps({
  'returns': [None if np.isnan(x) else float(x) for x in r],
  'totalReturn': f(empyrical.cum_returns_final(r)),
  'annualReturn': f(empyrical.annual_return(r, annualization=P)),
  'annualVolatility': f(empyrical.annual_volatility(r, annualization=P)),
  'sharpe': f(empyrical.sharpe_ratio(r, risk_free=rf, annualization=P)),
  'sortino': f(empyrical.sortino_ratio(r, required_return=rf, annualization=P)),
  'maxDrawdown': f(empyrical.max_drawdown(r)),
  'calmar': f(empyrical.calmar_ratio(r, annualization=P)),
}))
`;

type Reference = Record<Exclude<keyof PerformanceMetrics, 'maxDrawdownDuration'>, number | null> & { returns: (number | null)[] };

function expectRelClose(actual: number, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * Math.abs(expected) + 1e-14);
}

const CASES = [
  { name: 'daily, no NaN', seed: 1, n: 1500, drift: 0.0004, nan_at: [] as number[], periods: 252, rf: 0 },
  { name: 'daily, losing, with risk-free', seed: 2, n: 800, drift: -0.0006, nan_at: [], periods: 252, rf: 0.0001 },
  { name: 'weekly, NaN bars (first, middle)', seed: 3, n: 400, drift: 0.001, nan_at: [0, 17, 18, 200], periods: 52, rf: 0 },
];

describe('performanceMetrics against empyrical 0.7.1', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const ref = runPython<Reference>(REFERENCE, c);
      const returns = Float64Array.from(ref.returns, (x) => (x === null ? NaN : x));
      const copy = returns.slice();
      const m = performanceMetrics(returns, { periodsPerYear: c.periods, riskFree: c.rf });
      for (const key of ['totalReturn', 'annualReturn', 'annualVolatility', 'sharpe', 'sortino', 'maxDrawdown', 'calmar'] as const) {
        expectRelClose(m[key], ref[key]);
      }
      expect(m.maxDrawdown).toBeLessThan(0);
      // Input untouched (NaN-aware comparison).
      expect(Array.from(returns).map(String)).toEqual(Array.from(copy).map(String));
    });
  }
});

describe('performanceMetrics by hand', () => {
  it('drawdown depth and duration on a tiny path', () => {
    // equity: 1.1, 0.99, 0.891, 1.0, 1.2, 1.08 -> peaks 1.1 then 1.2
    const r = Float64Array.from([0.1, -0.1, -0.1, 1.0 / 0.891 - 1, 0.2, -0.1]);
    const m = performanceMetrics(r);
    expect(m.maxDrawdown).toBeCloseTo(0.891 / 1.1 - 1, 14);
    expect(m.maxDrawdownDuration).toBe(3); // bars 1, 2, 3 below the 1.1 peak
    expect(m.totalReturn).toBeCloseTo(1.08 - 1, 12);
    expect(m.annualReturn).toBeCloseTo(1.08 ** (252 / 6) - 1, 8);
  });

  it('a first-bar loss counts as a drawdown from the starting equity of 1', () => {
    const m = performanceMetrics(Float64Array.from([-0.05, 0.01]));
    expect(m.maxDrawdown).toBeCloseTo(-0.05, 15);
    expect(m.maxDrawdownDuration).toBe(2);
  });

  it('NaN bars: zero return for compounding, skipped for moments (empyrical convention)', () => {
    const withNaN = performanceMetrics(Float64Array.from([0.01, NaN, -0.02, 0.03]));
    const zeroed = performanceMetrics(Float64Array.from([0.01, 0, -0.02, 0.03]));
    const dropped = performanceMetrics(Float64Array.from([0.01, -0.02, 0.03]));
    expect(withNaN.totalReturn).toBe(zeroed.totalReturn);
    expect(withNaN.annualReturn).toBe(zeroed.annualReturn); // 4 bars count as 4/252 years
    expect(withNaN.maxDrawdown).toBe(zeroed.maxDrawdown);
    expect(withNaN.annualVolatility).toBeCloseTo(dropped.annualVolatility, 15);
    expect(withNaN.sharpe).toBeCloseTo(dropped.sharpe, 13);
    expect(withNaN.sortino).toBeCloseTo(dropped.sortino, 13);
  });

  it('undefined statistics are NaN, not numbers', () => {
    const one = performanceMetrics(Float64Array.from([0.01]));
    expect(one.annualVolatility).toBeNaN();
    expect(one.sharpe).toBeNaN();
    expect(one.calmar).toBeNaN(); // no drawdown
    const flat = performanceMetrics(Float64Array.from([0.001, 0.001, 0.001]));
    expect(flat.sharpe).toBe(Infinity); // zero dispersion, positive mean (as empyrical)
  });

  it('rejects bad input and unknown options', () => {
    expect(() => performanceMetrics(new Float64Array(0))).toThrow(/returns = array of length 0: is empty/);
    expect(() => performanceMetrics(Float64Array.from([0.1, Infinity]))).toThrow(/returns\[1\]/);
    expect(() => performanceMetrics(Float64Array.from([0.1]), { periodsPerYear: 0 })).toThrow(/periodsPerYear/);
    expect(() => performanceMetrics(Float64Array.from([0.1]), { annualization: 252 } as never)).toThrow(/options.annualization/);
  });
});
