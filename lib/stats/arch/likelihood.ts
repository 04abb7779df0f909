// The log-likelihood of a composed model as a function of theta = [mean | volatility | shape],
// with its analytic gradient and per-observation scores. All buffers are allocated once, so the
// optimiser's evaluations allocate nothing.
import type { VarianceBounds } from '../volatility';
import { meanResiduals } from './mean';
import type { Distribution, VolatilityProcess } from './types';

export interface Sizes { readonly km: number; readonly kv: number; readonly kd: number }

export interface ArchLikelihood {
  readonly n: number;
  readonly k: number;
  value(theta: Float64Array): number;
  /** Value at theta; gradient of the total log-likelihood into grad. */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
  /** Per-observation scores d ll[t] / d theta into out (n x k row-major); returns the total. */
  scores(theta: Float64Array, out: Float64Array): number;
  /** Per-observation log-likelihoods into out. */
  individual(theta: Float64Array, out: Float64Array): number;
  /** Residuals and variances of the latest evaluation. */
  readonly resids: Float64Array;
  readonly sigma2: Float64Array;
}

export function createArchLikelihood(
  y: Float64Array, X: Float64Array, sizes: Sizes, vol: VolatilityProcess, dist: Distribution,
  backcast: number, vb: VarianceBounds,
): ArchLikelihood {
  const n = y.length, { km, kv, kd } = sizes, k = km + kv + kd, K = kv + km;
  const resids = new Float64Array(n), sigma2 = new Float64Array(n);
  const jac = new Float64Array(n * K), dS = new Float64Array(n), dE = new Float64Array(n);
  const dShape = new Float64Array(n * kd);
  // de[t]/d beta = -X[t, :].
  const dR = new Float64Array(n * km);
  for (let i = 0; i < n * km; i++) dR[i] = -X[i];

  const split = (theta: Float64Array) => [theta.subarray(0, km), theta.subarray(km, km + kv), theta.subarray(km + kv)] as const;

  const forward = (theta: Float64Array, withShape: boolean): number => {
    const [beta, tv, shape] = split(theta);
    meanResiduals(X, y, beta, km, resids);
    vol.varianceJacobian(tv, resids, dR, km, backcast, vb, sigma2, jac);
    return dist.logLikelihood(shape, resids, sigma2, dS, dE, withShape ? dShape : undefined);
  };

  return {
    n, k, resids, sigma2,
    value(theta) {
      const [beta, tv, shape] = split(theta);
      meanResiduals(X, y, beta, km, resids);
      vol.variance(tv, resids, backcast, vb, sigma2);
      return dist.logLikelihood(shape, resids, sigma2);
    },
    valueAndGradient(theta, grad) {
      const llf = forward(theta, true);
      grad.fill(0);
      for (let t = 0; t < n; t++) {
        const ds = dS[t], de = dE[t], row = t * K;
        for (let c = 0; c < kv; c++) grad[km + c] += ds * jac[row + c];
        for (let c = 0; c < km; c++) grad[c] += ds * jac[row + kv + c] + de * dR[t * km + c];
        for (let c = 0; c < kd; c++) grad[km + kv + c] += dShape[t * kd + c];
      }
      return llf;
    },
    scores(theta, out) {
      const llf = forward(theta, true);
      for (let t = 0; t < n; t++) {
        const ds = dS[t], de = dE[t], row = t * K, o = t * k;
        for (let c = 0; c < km; c++) out[o + c] = ds * jac[row + kv + c] + de * dR[t * km + c];
        for (let c = 0; c < kv; c++) out[o + km + c] = ds * jac[row + c];
        for (let c = 0; c < kd; c++) out[o + km + kv + c] = dShape[t * kd + c];
      }
      return llf;
    },
    individual(theta, out) {
      const [beta, tv, shape] = split(theta);
      meanResiduals(X, y, beta, km, resids);
      vol.variance(tv, resids, backcast, vb, sigma2);
      return dist.logLikelihood(shape, resids, sigma2, undefined, undefined, undefined, out);
    },
  };
}
