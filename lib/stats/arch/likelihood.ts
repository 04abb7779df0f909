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
  const dS = new Float64Array(n), dE = new Float64Array(n);
  // The n x K Jacobian and per-observation shape scores are only needed for scores (covariance) and
  // for processes without an adjoint gradient: allocated on first use.
  let jacBuf: Float64Array | undefined, dShapeBuf: Float64Array | undefined;
  const jacobian = (): Float64Array => (jacBuf ??= new Float64Array(n * K));
  const shapeScores = (): Float64Array => (dShapeBuf ??= new Float64Array(n * kd));
  const shapeSum = new Float64Array(kd), gv = new Float64Array(K);
  // de[t]/d beta = -X[t, :].
  const dR = new Float64Array(n * km);
  for (let i = 0; i < n * km; i++) dR[i] = -X[i];

  const split = (theta: Float64Array) => [theta.subarray(0, km), theta.subarray(km, km + kv), theta.subarray(km + kv)] as const;

  const forward = (theta: Float64Array, withShape: boolean): number => {
    const [beta, tv, shape] = split(theta);
    meanResiduals(X, y, beta, km, resids);
    vol.varianceJacobian(tv, resids, dR, km, backcast, vb, sigma2, jacobian());
    return dist.logLikelihood(shape, resids, sigma2, dS, dE, withShape ? shapeScores() : undefined);
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
      const beta = theta.subarray(0, km), tv = theta.subarray(km, km + kv), shape = theta.subarray(km + kv);
      meanResiduals(X, y, beta, km, resids);
      if (vol.varianceGradient) {
        // Reverse mode: sigma2 forward, d ll / d sigma2, then one backward pass for the gradient.
        vol.variance(tv, resids, backcast, vb, sigma2);
        const llf = dist.logLikelihood(shape, resids, sigma2, dS, dE, undefined, undefined, shapeSum);
        if (vol.varianceGradient(tv, resids, dR, km, backcast, vb, sigma2, dS, gv)) {
          assembleGradient(grad, gv, dE, dR, shapeSum, n, km, kv, kd);
          return llf;
        }
      }
      const jac = jacobian();
      vol.varianceJacobian(tv, resids, dR, km, backcast, vb, sigma2, jac);
      const llf = dist.logLikelihood(shape, resids, sigma2, dS, dE, undefined, undefined, shapeSum);
      grad.fill(0);
      for (let t = 0; t < n; t++) {
        const ds = dS[t], de = dE[t], row = t * K;
        for (let c = 0; c < kv; c++) grad[km + c] += ds * jac[row + c];
        for (let c = 0; c < km; c++) grad[c] += ds * jac[row + kv + c] + de * dR[t * km + c];
      }
      for (let c = 0; c < kd; c++) grad[km + kv + c] = shapeSum[c];
      return llf;
    },
    scores(theta, out) {
      const llf = forward(theta, true);
      const jac = jacobian(), dShape = shapeScores();
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

/**
 * grad = [mean | volatility | shape] from the volatility adjoint gv = [volatility | mean], the
 * residual scores dE (mean part: + sum_t dE[t] dR[t, :]) and the summed shape scores. Module-level
 * (not a per-fit closure) so its type feedback is shared by every fit and it stays optimised.
 */
function assembleGradient(
  grad: Float64Array, gv: Float64Array, dE: Float64Array, dR: Float64Array, shapeSum: Float64Array,
  n: number, km: number, kv: number, kd: number,
): void {
  for (let c = 0; c < kv; c++) grad[km + c] = gv[c];
  for (let c = 0; c < km; c++) {
    let s = gv[kv + c];
    for (let t = 0; t < n; t++) s += dE[t] * dR[t * km + c];
    grad[c] = s;
  }
  for (let c = 0; c < kd; c++) grad[km + kv + c] = shapeSum[c];
}
