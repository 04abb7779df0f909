// GARCH(1,1) variance process: sigma2[t] = omega + alpha * e[t-1]^2 + beta * sigma2[t-1].
// Pre-sample e^2 and sigma2 are replaced by one "backcast" value, and every sigma2 is kept inside
// loose data-driven bounds, both exactly as in arch (arch/univariate/volatility.py, GARCH), so that
// conditional variances agree with arch to rounding error.

export interface Garch11VolatilityParams {
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
}

/** Number of leading squared residuals averaged into the backcast (arch: tau = min(75, n)). */
export const BACKCAST_WINDOW = 75;
/** Decay of the exponential weights in the backcast and the variance bounds (RiskMetrics 0.94). */
export const EWMA_DECAY = 0.94;

/** Per-observation bounds on sigma2 that keep the log-likelihood finite for wild parameters. */
export interface VarianceBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Exponentially weighted mean of the first min(75, n) squared residuals, weights 0.94^i normalised. */
export function ewmaBackcast(resids: Float64Array): number {
  const tau = Math.min(BACKCAST_WINDOW, resids.length);
  let w = 1, wsum = 0, acc = 0;
  for (let i = 0; i < tau; i++) {
    acc += w * resids[i] * resids[i];
    wsum += w;
    w *= EWMA_DECAY;
  }
  return acc / wsum;
}

/**
 * arch's variance_bounds: an EWMA variance path scaled by 1e-6 and 1e6, with the lower bound at
 * least var/1e8 and the upper bound between 1 + max e^2 and 1e7 * (1 + max e^2).
 */
export function varianceBounds(resids: Float64Array): VarianceBounds {
  const n = resids.length;
  let mean = 0, maxSq = 0;
  for (let i = 0; i < n; i++) {
    mean += resids[i];
    maxSq = Math.max(maxSq, resids[i] * resids[i]);
  }
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (resids[i] - mean) ** 2;
  variance /= n;
  const minLower = variance / 1e8, minUpper = 1 + maxSq, maxUpper = 1e7 * (1 + maxSq);
  const lower = new Float64Array(n), upper = new Float64Array(n);
  let ewma = ewmaBackcast(resids);
  for (let t = 0; t < n; t++) {
    if (t > 0) ewma = (1 - EWMA_DECAY) * resids[t - 1] * resids[t - 1] + EWMA_DECAY * ewma;
    lower[t] = Math.max(ewma / 1e6, minLower);
    upper[t] = Math.min(Math.max(ewma * 1e6, minUpper), maxUpper);
  }
  return { lower, upper };
}

/** arch's bounds_check: clamp below, grow only logarithmically above the upper bound. */
function boundVariance(s: number, lower: number, upper: number): number {
  if (s < lower) return lower;
  if (s > upper) return Number.isFinite(s) ? upper + Math.log(s / upper) : upper + 1000;
  return s;
}

/** Fills `out` with the conditional variances of `resids` and returns it. */
export function garch11Variance(
  resids: Float64Array,
  params: Garch11VolatilityParams,
  backcast: number,
  out: Float64Array,
  bounds?: VarianceBounds,
): Float64Array {
  const { omega, alpha, beta } = params;
  let prevSq = backcast, prevVar = backcast;
  for (let t = 0; t < resids.length; t++) {
    let s = omega + alpha * prevSq + beta * prevVar;
    if (bounds) s = boundVariance(s, bounds.lower[t], bounds.upper[t]);
    out[t] = s;
    prevSq = resids[t] * resids[t];
    prevVar = s;
  }
  return out;
}

/** Columns of the row-major n x 4 Jacobian written by garch11VarianceJacobian. */
export const GARCH11_JACOBIAN_COLUMNS = ['omega', 'alpha', 'beta', 'shift'] as const;

/**
 * Conditional variances and their derivatives with respect to omega, alpha, beta and a common
 * shift c of the residuals (e -> e - c, which is how a constant mean enters). The backcast is held
 * fixed, as arch holds it fixed during estimation. `jacobian` is n x 4, row-major.
 */
export function garch11VarianceJacobian(
  resids: Float64Array,
  params: Garch11VolatilityParams,
  backcast: number,
  sigma2: Float64Array,
  jacobian: Float64Array,
  bounds?: VarianceBounds,
): void {
  const { omega, alpha, beta } = params;
  let prevSq = backcast, prevVar = backcast;
  let dOmega = 0, dAlpha = 0, dBeta = 0, dShift = 0, dPrevSqShift = 0;
  for (let t = 0; t < resids.length; t++) {
    const raw = omega + alpha * prevSq + beta * prevVar;
    dOmega = 1 + beta * dOmega;
    dAlpha = prevSq + beta * dAlpha;
    dBeta = prevVar + beta * dBeta;
    dShift = alpha * dPrevSqShift + beta * dShift;
    let s = raw;
    if (bounds) {
      s = boundVariance(raw, bounds.lower[t], bounds.upper[t]);
      // Clamped below the variance no longer moves; above it moves like log(raw).
      const slope = raw < bounds.lower[t] ? 0 : raw > bounds.upper[t] ? 1 / raw : 1;
      if (slope !== 1) { dOmega *= slope; dAlpha *= slope; dBeta *= slope; dShift *= slope; }
    }
    sigma2[t] = s;
    const row = 4 * t;
    jacobian[row] = dOmega; jacobian[row + 1] = dAlpha; jacobian[row + 2] = dBeta; jacobian[row + 3] = dShift;
    prevSq = resids[t] * resids[t];
    dPrevSqShift = -2 * resids[t];
    prevVar = s;
  }
}

/** Unconditional variance omega / (1 - alpha - beta); Infinity when the process is not stationary. */
export function garch11UnconditionalVariance(params: Garch11VolatilityParams): number {
  const persistence = params.alpha + params.beta;
  return persistence < 1 ? params.omega / (1 - persistence) : Infinity;
}
