// Kernel-level checks that need no reference library: the analytic gradient against finite
// differences, the likelihood against its textbook formula, and the optimiser on Rosenbrock.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import {
  createGarch11Likelihood, ewmaBackcast, minimizeBfgs, normalLogLikelihood, simulateGarch11, varianceBounds,
  approxHessian, invertMatrix,
} from '../../lib/stats';

describe('stats kernels', () => {
  const y = simulateGarch11({ mu: 0.03, omega: 0.05, alpha: 0.1, beta: 0.85 }, 1500, createRng(17)).returns;
  const resids = y.map((v) => v - 0.03);
  const lik = createGarch11Likelihood(y, ewmaBackcast(resids), varianceBounds(resids));

  it('normalLogLikelihood equals the sum of normal log-densities', () => {
    const e = Float64Array.of(0.5, -1.2, 2), s2 = Float64Array.of(1, 0.5, 3);
    let want = 0;
    for (let i = 0; i < 3; i++) want += -0.5 * Math.log(2 * Math.PI * s2[i]) - (e[i] * e[i]) / (2 * s2[i]);
    expect(normalLogLikelihood(e, s2)).toBeCloseTo(want, 12);
  });

  it('has an analytic gradient that matches central differences (rel 1e-6)', () => {
    const theta = Float64Array.of(0.02, 0.07, 0.12, 0.8), grad = new Float64Array(4);
    lik.valueAndGradient(theta, grad);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6, up = Float64Array.from(theta), dn = Float64Array.from(theta);
      up[i] += h; dn[i] -= h;
      const numeric = (lik.value(up) - lik.value(dn)) / (2 * h);
      expect(Math.abs(grad[i] - numeric) / Math.max(1, Math.abs(numeric))).toBeLessThan(1e-6);
    }
  });

  it('value and valueAndGradient agree', () => {
    const theta = Float64Array.of(0.01, 0.04, 0.09, 0.88);
    expect(lik.valueAndGradient(theta, new Float64Array(4))).toBe(lik.value(theta));
  });

  it('minimizeBfgs finds the Rosenbrock minimum and invertMatrix inverts its Hessian', () => {
    const res = minimizeBfgs((x, g) => {
      g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
      g[1] = 200 * (x[1] - x[0] * x[0]);
      return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] * x[0]) ** 2;
    }, Float64Array.of(-1.2, 1), { gradientTolerance: 1e-10, maxIterations: 1000 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
    const H = approxHessian((x) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] * x[0]) ** 2, Float64Array.of(1, 1));
    expect(H[0]).toBeCloseTo(802, 4);
    expect(H[1]).toBeCloseTo(-400, 4);
    const inv = invertMatrix(H, 2)!;
    expect(H[0] * inv[0] + H[1] * inv[2]).toBeCloseTo(1, 10);
    expect(H[0] * inv[1] + H[1] * inv[3]).toBeCloseTo(0, 10);
  });
});
