// Simulation of every model, and recovery of the true parameters by fitting a long simulated
// series: each estimate within 4 robust standard errors of the truth.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import {
  archModel, archSpecFromJSON, arx, constantVariance, egarch, garch, normal, skewT, studentT, zeroMean, type ArchModelOptions,
} from '../../lib/stats';

const CASES: Array<{ name: string; options: () => ArchModelOptions; params: Record<string, number> }> = [
  { name: 'GARCH(1,1)-normal', options: () => ({}), params: { mu: 0.05, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9 } },
  { name: 'GARCH(1,1)-t', options: () => ({ distribution: studentT() }), params: { mu: 0.05, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9, nu: 6 } },
  { name: 'GJR(1,1,1)-t', options: () => ({ volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }), params: { mu: 0.04, omega: 0.02, 'alpha[1]': 0.04, 'gamma[1]': 0.1, 'beta[1]': 0.88, nu: 7 } },
  { name: 'EGARCH(1,1,1)-normal', options: () => ({ volatility: egarch({ p: 1, o: 1, q: 1 }) }), params: { mu: 0.03, omega: 0.01, 'alpha[1]': 0.15, 'gamma[1]': -0.1, 'beta[1]': 0.97 } },
  { name: 'GARCH(1,1)-skewt', options: () => ({ distribution: skewT() }), params: { mu: 0.05, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9, eta: 7, lambda: -0.2 } },
  { name: 'AR(1)-GARCH(1,1)', options: () => ({ mean: arx({ lags: 1 }) }), params: { Const: 0.05, 'y[1]': 0.3, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9 } },
  { name: 'ConstantVariance-t', options: () => ({ volatility: constantVariance(), distribution: studentT() }), params: { mu: 0.1, sigma2: 1.5, nu: 5 } },
  { name: 'ZeroMean-GARCH(2,1)', options: () => ({ mean: zeroMean(), volatility: garch({ p: 2, q: 1 }) }), params: { omega: 0.05, 'alpha[1]': 0.05, 'alpha[2]': 0.1, 'beta[1]': 0.8 } },
];
const N = 6000;
const dummy = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i * 1.3));

describe('simulate + fit recovers the truth', () => {
  for (const c of CASES) {
    it(`${c.name}: estimates within 4 robust standard errors of the true parameters`, () => {
      const sim = archModel(dummy, c.options()).simulate(c.params, N, createRng(4242));
      expect(sim.y.length).toBe(N);
      expect(sim.variance.every((v) => v > 0)).toBe(true);
      const fit = archModel(sim.y, c.options()).fit();
      expect(fit.converged).toBe(true);
      for (const [k, truth] of Object.entries(c.params)) {
        const se = fit.robust.stdErrors[k];
        expect(se).toBeGreaterThan(0);
        expect(Math.abs(fit.params[k] - truth), `${k}: fit ${fit.params[k]} +- ${se}, truth ${truth}`).toBeLessThan(4 * se);
      }
    });
  }

  it('is reproducible for a seed and differs across seeds', () => {
    const m = archModel(dummy, { volatility: egarch({ p: 1, o: 1, q: 1 }), distribution: skewT() });
    const p = { mu: 0, omega: 0.01, 'alpha[1]': 0.1, 'gamma[1]': -0.1, 'beta[1]': 0.95, eta: 6, lambda: 0.1 };
    const a = m.simulate(p, 500, createRng(1)), b = m.simulate(p, 500, createRng(1)), c = m.simulate(p, 500, createRng(2));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(c.y)).not.toEqual(Array.from(a.y));
  });

  it('standardised innovations have mean 0 and variance 1 for every distribution', () => {
    for (const [dist, extra] of [[normal(), {}], [studentT(), { nu: 5 }], [skewT(), { eta: 6, lambda: -0.4 }]] as const) {
      const m = archModel(dummy, { mean: zeroMean(), volatility: constantVariance(), distribution: dist });
      const { y } = m.simulate({ sigma2: 1, ...extra }, 200_000, createRng(5), { burn: 0 });
      let s = 0, s2 = 0;
      for (const v of y) { s += v; s2 += v * v; }
      expect(Math.abs(s / y.length)).toBeLessThan(0.01);
      expect(Math.abs(s2 / y.length - 1)).toBeLessThan(0.03);
    }
  });

  it('simulation forecasts of a GARCH converge to its analytic forecasts', () => {
    const params = { mu: 0.05, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9 };
    const y = archModel(dummy).simulate(params, 2000, createRng(8)).y;
    const fit = archModel(y).fit();
    const an = fit.forecast({ horizon: 10 });
    const sim = fit.forecast({ horizon: 10, method: 'simulation', simulations: 40_000, rng: createRng(9) });
    for (let h = 0; h < 10; h++) expect(Math.abs(sim.variance[0][h] / an.variance[0][h] - 1)).toBeLessThan(0.015);
    // AR(1) mean forecasts decay geometrically to the unconditional mean.
    const ar = archModel(archModel(dummy, { mean: arx({ lags: 1 }) }).simulate({ Const: 0.1, 'y[1]': 0.5, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9 }, 3000, createRng(3)).y, { mean: arx({ lags: 1 }) }).fit();
    const f = ar.forecast({ horizon: 30 });
    const phi = ar.params['y[1]'], c = ar.params.Const;
    expect(f.mean[0][29]).toBeCloseTo(c / (1 - phi), 3);
    expect(f.mean[0][1]).toBeCloseTo(c + phi * f.mean[0][0], 12);
  });

  it('round-trips through plain JSON (spec + params) and simulates the same path', () => {
    const y = archModel(dummy).simulate({ mu: 0.05, omega: 0.02, 'alpha[1]': 0.08, 'beta[1]': 0.9 }, 1500, createRng(8)).y;
    const fit = archModel(y, { mean: arx({ lags: 2 }), volatility: garch({ p: 1, o: 1, q: 1 }), distribution: skewT() }).fit();
    const json = JSON.parse(JSON.stringify(fit));
    expect(json).toEqual(fit.toJSON());
    expect(json.mean).toEqual({ type: 'arx', lags: 2, constant: true, exogenous: 0 });
    const spec = archSpecFromJSON(json);
    expect(spec.params).toEqual(fit.params);
    const again = archModel(y, spec.options).fit();
    expect(again.logLikelihood).toBeCloseTo(fit.logLikelihood, 8);
    expect(Array.from(spec.simulate(50, createRng(1)).y)).toEqual(Array.from(fit.simulate(50, createRng(1)).y));
    expect(archModel(y, spec.options).toJSON().params).toBeNull();
  });
});
