// Normal error distribution: log-likelihood of residuals given their conditional variances.
const LOG_2PI = Math.log(2 * Math.PI);

/** Sum over t of -0.5 * (log 2pi + log sigma2[t] + e[t]^2 / sigma2[t]). */
export function normalLogLikelihood(resids: Float64Array, sigma2: Float64Array): number {
  let llf = 0;
  for (let t = 0; t < resids.length; t++) {
    llf += Math.log(sigma2[t]) + (resids[t] * resids[t]) / sigma2[t];
  }
  return -0.5 * (resids.length * LOG_2PI + llf);
}

/**
 * Derivatives of each observation's log-likelihood with respect to its variance (into dVariance)
 * and its residual (into dResid); the chain rule through the variance process is the caller's.
 */
export function normalLogLikelihoodScores(
  resids: Float64Array,
  sigma2: Float64Array,
  dVariance: Float64Array,
  dResid: Float64Array,
): void {
  for (let t = 0; t < resids.length; t++) {
    const inv = 1 / sigma2[t];
    const e = resids[t];
    dVariance[t] = -0.5 * inv * (1 - e * e * inv);
    dResid[t] = -e * inv;
  }
}
