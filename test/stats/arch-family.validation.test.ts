// Bad input fails at the boundary with an InvalidArgumentError naming argument, value and fix.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { ARCH_MIN_OBSERVATIONS, archModel, archSpecFromJSON, arx, egarch, garch, studentT } from '../../lib/stats';

const y = archModel(Float64Array.from({ length: 300 }, (_, i) => Math.sin(i))).simulate({ mu: 0, omega: 0.05, 'alpha[1]': 0.1, 'beta[1]': 0.85 }, 800, createRng(1)).y;
const expectInvalid = (fn: () => unknown, pattern: RegExp) => {
  let error: unknown;
  try { fn(); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).toMatch(/Fix: /);
};

describe('archModel input validation', () => {
  it('names the index of a NaN or Infinity', () => {
    const bad = Float64Array.from(y); bad[123] = NaN;
    expectInvalid(() => archModel(bad), /index 123/);
    bad[123] = 1; bad[7] = Infinity;
    expectInvalid(() => archModel(bad), /Infinity at index 7/);
  });

  it('states the minimum length, including the AR hold-back', () => {
    expectInvalid(() => archModel(y.subarray(0, 50)), new RegExp(`minimum of ${ARCH_MIN_OBSERVATIONS}`));
    expectInvalid(() => archModel(y.subarray(0, 102), { mean: arx({ lags: 3 }) }), new RegExp(`minimum of ${ARCH_MIN_OBSERVATIONS + 3}`));
  });

  it('rejects a constant series', () => {
    expectInvalid(() => archModel(new Float64Array(500).fill(0.1)), /constant/);
  });

  it('rejects unknown options everywhere', () => {
    expectInvalid(() => archModel(y, { volatilty: garch() } as never), /volatilty.*not a known option/);
    expectInvalid(() => archModel(y).fit({ maxIter: 10 } as never), /maxIter/);
    expectInvalid(() => garch({ p: 1, r: 1 } as never), /garch options\.r/);
    expectInvalid(() => arx({ lags: 1, trend: true } as never), /trend/);
    const fit = archModel(y).fit();
    expectInvalid(() => fit.forecast({ horizons: 5 } as never), /horizons/);
    expectInvalid(() => fit.simulate(10, createRng(1), { burnin: 5 } as never), /burnin/);
  });

  it('rejects bad orders, horizons and forecast methods', () => {
    expectInvalid(() => garch({ p: 0, o: 0, q: 1 }), /one of p or o/);
    expectInvalid(() => egarch({ p: -1 }), /integer/);
    const fit = archModel(y, { volatility: egarch({ p: 1, o: 1, q: 1 }) }).fit();
    expectInvalid(() => fit.forecast({ horizon: 5 }), /no analytic forecast.*Fix: use method: 'simulation'/);
    expectInvalid(() => fit.forecast({ horizon: 5, method: 'simulation' }), /rng/);
    expectInvalid(() => fit.forecast({ horizon: 0 }), /horizon/);
    expectInvalid(() => fit.forecast({ start: 5000 }), /start/);
  });

  it('rejects infeasible starting values and parameters, naming the violated constraint', () => {
    const m = archModel(y, { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() });
    expectInvalid(() => m.fit({ startingValues: { mu: 0, omega: 0.05, 'alpha[1]': 0.5, 'gamma[1]': 0.2, 'beta[1]': 0.5, nu: 8 } }), /stationarity/);
    expectInvalid(() => m.fit({ startingValues: { mu: 0, omega: 0.05, 'alpha[1]': 0.1, 'gamma[1]': 0.1, 'beta[1]': 0.8, nu: 1.5 } }), /nu must lie/);
    expectInvalid(() => m.fit({ startingValues: { mu: 0, omega: 0.05 } }), /alpha\[1\].*finite number/);
    expectInvalid(() => m.simulate({ mu: 0, omega: 0.05, 'alpha[1]': -0.1, 'gamma[1]': 0.1, 'beta[1]': 0.8, nu: 8 }, 10, createRng(1)), /alpha\[1\] must be >= 0/);
    expectInvalid(() => m.simulate({ mu: 0, omega: 0.05, 'alpha[1]': 0.1, 'gamma[1]': 0.1, 'beta[1]': 0.8, nu: 8, delta: 1 }, 10, createRng(1)), /delta.*not a parameter/);
    const ok = m.fit({ startingValues: { mu: 0, omega: 0.05, 'alpha[1]': 0.05, 'gamma[1]': 0.05, 'beta[1]': 0.85, nu: 8 } });
    expect(ok.startingValues['beta[1]']).toBe(0.85);
  });

  it('rejects a malformed JSON document', () => {
    expectInvalid(() => archSpecFromJSON({ format: 'other' }), /quantlab.arch/);
    expectInvalid(() => archSpecFromJSON({ format: 'quantlab.arch', version: 1, mean: { type: 'constant' }, volatility: { type: 'figarch' }, distribution: { type: 'normal' }, params: null }), /figarch/);
  });

  it('says so in the result and warns once when the fit does not converge', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const fit = archModel(y, { distribution: studentT() }).fit({ maxIterations: 2 });
    return new Promise<void>((resolve) => setImmediate(() => {
      process.off('warning', onWarning);
      expect(fit.converged).toBe(false);
      expect(fit.message).toMatch(/NOT converged/);
      expect(fit.summary()).toMatch(/Converged:\s+NO/);
      expect(warnings.filter((m) => m.includes('did not converge')).length).toBe(1);
      resolve();
    }));
  });

  it('summary is a readable table with every parameter', () => {
    const fit = archModel(y, { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }).fit();
    const s = fit.summary();
    for (const p of fit.paramNames) expect(s).toContain(p);
    expect(s).toMatch(/Constant Mean - GJR-GARCH Model Results/);
    expect(s).toMatch(/Log-Likelihood:\s+-?\d/);
  });
});
