// The GARCH(1,1)-normal-constant-mean log-likelihood as a function of the parameter vector
// [mu, omega, alpha, beta], composed from the mean, volatility and distribution kernels. Buffers are
// allocated once per fit, so the optimiser's hundreds of evaluations allocate nothing.
import { constantMeanResiduals } from './mean';
import { garch11Variance, garch11VarianceJacobian, type VarianceBounds } from './volatility';
import { normalLogLikelihood, normalLogLikelihoodScores } from './distribution';

/** Parameter order of every vector passed to a Garch11Likelihood. */
export const GARCH11_PARAM_NAMES = ['mu', 'omega', 'alpha', 'beta'] as const;

export interface Garch11Likelihood {
  /** Log-likelihood at theta = [mu, omega, alpha, beta]. */
  value(theta: Float64Array): number;
  /** Log-likelihood at theta; its gradient is written into `grad`. */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
}

/**
 * `backcast` and `bounds` are fixed for the whole fit (arch computes both once, from the residuals
 * at the starting mean), which keeps the likelihood a smooth function of theta.
 */
export function createGarch11Likelihood(y: Float64Array, backcast: number, bounds: VarianceBounds): Garch11Likelihood {
  const n = y.length;
  const resids = new Float64Array(n), sigma2 = new Float64Array(n), jac = new Float64Array(4 * n);
  const dVar = new Float64Array(n), dRes = new Float64Array(n);
  const vol = (theta: Float64Array) => ({ omega: theta[1], alpha: theta[2], beta: theta[3] });
  return {
    value(theta) {
      constantMeanResiduals(y, theta[0], resids);
      garch11Variance(resids, vol(theta), backcast, sigma2, bounds);
      return normalLogLikelihood(resids, sigma2);
    },
    valueAndGradient(theta, grad) {
      constantMeanResiduals(y, theta[0], resids);
      garch11VarianceJacobian(resids, vol(theta), backcast, sigma2, jac, bounds);
      normalLogLikelihoodScores(resids, sigma2, dVar, dRes);
      let gMu = 0, gOmega = 0, gAlpha = 0, gBeta = 0;
      for (let t = 0; t < n; t++) {
        const dv = dVar[t], row = 4 * t;
        // mu enters as a shift of every residual: directly (de/dmu = -1) and through sigma2.
        gMu += dv * jac[row + 3] - dRes[t];
        gOmega += dv * jac[row];
        gAlpha += dv * jac[row + 1];
        gBeta += dv * jac[row + 2];
      }
      grad[0] = gMu; grad[1] = gOmega; grad[2] = gAlpha; grad[3] = gBeta;
      return normalLogLikelihood(resids, sigma2);
    },
  };
}
