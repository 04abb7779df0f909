import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import { InvalidArgumentError } from '../../lib/util/errors';
import { fitGarch11, forecastVariance, garch11UnconditionalVariance, simulateGarch11, type Garch11Params } from '../../lib/stats';

const TRUE: Garch11Params = { mu: 0.05, omega: 0.02, alpha: 0.08, beta: 0.9 };

describe('simulateGarch11', () => {
  it('gives identical paths for the same seed and different ones for another seed', () => {
    const a = simulateGarch11(TRUE, 1000, createRng(11));
    const b = simulateGarch11(TRUE, 1000, createRng(11));
    const c = simulateGarch11(TRUE, 1000, createRng(12));
    expect(Array.from(b.returns)).toEqual(Array.from(a.returns));
    expect(Array.from(b.variance)).toEqual(Array.from(a.variance));
    expect(Array.from(c.returns)).not.toEqual(Array.from(a.returns));
  });

  it('follows the GARCH recursion it claims to simulate', () => {
    const { returns, variance } = simulateGarch11(TRUE, 200, createRng(3), { burn: 0 });
    // burn = 0 starts at the unconditional variance, as arch's simulate does.
    expect(variance[0]).toBeCloseTo(garch11UnconditionalVariance(TRUE), 14);
    for (let t = 1; t < 200; t++) {
      const e = returns[t - 1] - TRUE.mu;
      expect(variance[t]).toBeCloseTo(TRUE.omega + TRUE.alpha * e * e + TRUE.beta * variance[t - 1], 12);
    }
  });

  it('recovers known parameters from 5000 simulated points within 4 standard errors', () => {
    const { returns } = simulateGarch11(TRUE, 5000, createRng(2024));
    const fit = fitGarch11(returns);
    expect(fit.converged).toBe(true);
    for (const k of ['mu', 'omega', 'alpha', 'beta'] as const) {
      expect(fit.standardErrors[k]).toBeGreaterThan(0);
      expect(Math.abs(fit.params[k] - TRUE[k])).toBeLessThan(4 * fit.standardErrors[k]);
    }
    // And in plain numbers, so a blown-up standard error cannot hide a bad estimate.
    expect(Math.abs(fit.params.alpha - TRUE.alpha)).toBeLessThan(0.03);
    expect(Math.abs(fit.params.beta - TRUE.beta)).toBeLessThan(0.04);
    expect(Math.abs(fit.params.alpha + fit.params.beta - (TRUE.alpha + TRUE.beta))).toBeLessThan(0.02);
  });

  it('rejects non-stationary parameters, bad lengths and unknown options', () => {
    const rng = createRng(1);
    expect(() => simulateGarch11({ ...TRUE, alpha: 0.2, beta: 0.85 }, 10, rng)).toThrow(InvalidArgumentError);
    expect(() => simulateGarch11({ ...TRUE, omega: 0 }, 10, rng)).toThrow(/params\.omega/);
    expect(() => simulateGarch11(TRUE, 0, rng)).toThrow(/^n = 0/);
    expect(() => simulateGarch11(TRUE, 10, rng, { burn: -1 })).toThrow(/options\.burn/);
    expect(() => simulateGarch11(TRUE, 10, rng, { brun: 5 } as never)).toThrow(/options\.brun/);
  });
});

describe('forecastVariance', () => {
  const fit = fitGarch11(simulateGarch11(TRUE, 2000, createRng(5)).returns);

  it('starts from the one-step recursion and decays geometrically to the unconditional variance', () => {
    const f = forecastVariance(fit, 2000);
    const { omega, alpha, beta } = fit.params;
    const n = fit.residuals.length;
    const e = fit.residuals[n - 1], s = fit.conditionalVolatility[n - 1] ** 2;
    expect(f[0]).toBeCloseTo(omega + alpha * e * e + beta * s, 12);
    const longRun = garch11UnconditionalVariance(fit.params);
    for (let h = 1; h < 50; h++) {
      expect(f[h] - longRun).toBeCloseTo((alpha + beta) * (f[h - 1] - longRun), 12);
    }
    expect(f[1999]).toBeCloseTo(longRun, 8);
  });

  it('rejects a non-positive or fractional horizon', () => {
    expect(() => forecastVariance(fit, 0)).toThrow(/^horizon = 0/);
    expect(() => forecastVariance(fit, 1.5)).toThrow(InvalidArgumentError);
  });
});
