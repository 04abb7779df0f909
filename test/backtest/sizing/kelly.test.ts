import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KELLY_FRACTION, kellyFraction, kellyFromReturns } from '../../../lib/backtest/sizing';
import { runPython } from '../../helpers/python';

// Reference: numpy 'fraction * mean(r - rf) / var(r - rf, ddof=1)' over the non-NaN returns
// (np.nanmean / np.nanvar), on seeded Student-t returns; tolerance 1e-12 relative.
let ref: { returns: (number | null)[]; half: number; full: number; rfHalf: number };

beforeAll(() => {
  ref = runPython(`
import numpy as np
rng = np.random.default_rng(7)
r = 0.0005 + 0.01 * rng.standard_t(5, 1000) / np.sqrt(5 / 3)
r[[0, 10, 500]] = np.nan
def kelly(f, rf):
    x = r - rf
    return float(f * np.nanmean(x) / np.nanvar(x, ddof=1))
print(json.dumps({'returns': [None if np.isnan(v) else float(v) for v in r],
  'half': kelly(0.5, 0.0), 'full': kelly(1.0, 0.0), 'rfHalf': kelly(0.5, 0.0002)}))
`);
});

describe('kellyFraction', () => {
  it('is p - (1 - p) / b', () => {
    expect(kellyFraction({ winRate: 0.6, payoffRatio: 1 })).toBeCloseTo(0.2, 15);
    expect(kellyFraction({ winRate: 0.5, payoffRatio: 2 })).toBeCloseTo(0.25, 15);
    // A losing edge says: do not bet.
    expect(kellyFraction({ winRate: 0.4, payoffRatio: 1 })).toBeCloseTo(-0.2, 15);
  });

  it('rejects bad input', () => {
    expect(() => kellyFraction({ winRate: 1.2, payoffRatio: 1 })).toThrow(/^input\.winRate = 1\.2: must be a probability in \[0, 1\]\. Fix: pass winning trades \/ all trades/);
    expect(() => kellyFraction({ winRate: 0.5, payoffRatio: 0 })).toThrow(/^input\.payoffRatio = 0: must be a finite number > 0\. Fix: pass average win \/ average loss/);
    expect(() => kellyFraction({ winRate: 0.5, payoff: 2 } as never)).toThrow(/^input\.payoff = 2: is not a known option/);
  });
});

describe('kellyFromReturns against numpy', () => {
  const returns = () => Float64Array.from(ref.returns, (v) => (v === null ? NaN : v));
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));

  it('half Kelly by default, full Kelly and a risk-free rate on request, NaN bars skipped', () => {
    expect(DEFAULT_KELLY_FRACTION).toBe(0.5);
    const r = returns();
    const copy = r.slice();
    close(kellyFromReturns(r, { maxLeverage: 100 }), ref.half);
    close(kellyFromReturns(r, { fraction: 1, maxLeverage: 100 }), ref.full);
    close(kellyFromReturns(r, { riskFree: 0.0002, maxLeverage: 100 }), ref.rfHalf);
    expect(Array.from(r).map(String)).toEqual(Array.from(copy).map(String));
  });

  it('caps the leverage in both directions', () => {
    expect(ref.full).toBeGreaterThan(0.5); // the reference is above the cap below, so the cap is tested
    expect(kellyFromReturns(returns(), { fraction: 1, maxLeverage: 0.5 })).toBe(0.5);
    const losing = Float64Array.from(returns(), (v) => -v);
    expect(kellyFromReturns(losing, { fraction: 1, maxLeverage: 0.5 })).toBe(-0.5);
    // Scaled-up returns: the same edge at 1/10 the volatility is 10x the leverage, over the default cap of 2.
    expect(kellyFromReturns(Float64Array.from(returns(), (v) => v / 10), { fraction: 1 })).toBe(2);
  });

  it('rejects bad input', () => {
    expect(() => kellyFromReturns(Float64Array.of(0.01, 0.01, NaN))).toThrow(/^returns = array of length 3: has zero variance, so the Kelly leverage is unbounded/);
    expect(() => kellyFromReturns(Float64Array.of(0.01, NaN))).toThrow(/^returns = array of length 2: holds 1 non-NaN returns\. Fix: pass at least two returns/);
    expect(() => kellyFromReturns(Float64Array.of(0.01, Infinity))).toThrow(/^returns\[1\] = Infinity: is infinite/);
    expect(() => kellyFromReturns([0.1, 0.2] as never)).toThrow(/^returns = array of length 2: must be a Float64Array/);
    expect(() => kellyFromReturns(returns(), { fraction: 1.5 })).toThrow(/^options\.fraction = 1\.5: must be in \(0, 1\]\. Fix: pass 0\.5 for half Kelly/);
    expect(() => kellyFromReturns(returns(), { riskFree: NaN })).toThrow(/^options\.riskFree = NaN: must be a finite per-period return/);
    expect(() => kellyFromReturns(returns(), { halfKelly: true } as never)).toThrow(/^options\.halfKelly = true: is not a known option\. Fix: use only: fraction, maxLeverage, riskFree/);
  });
});
