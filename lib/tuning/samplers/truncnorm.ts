// The truncated normal TPE's kernels are made of: log normal CDF, log mass of an interval,
// quantile (for sampling) and log density. Masses are computed in the left tail and mirrored,
// where the CDF keeps its precision (Optuna's _truncnorm.py follows SciPy the same way).
import { erf, erfc } from './erf';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT1_2 = Math.SQRT1_2;
// Logistic approximation of the normal CDF, used only to seed Newton's method.
const LOGISTIC_C = Math.sqrt(3) / Math.PI;
const NEWTON_MAX_ITERATIONS = 100;
const NEWTON_RTOL = 1e-14;

/** Standard normal CDF, accurate in both tails. */
export function ndtr(a: number): number {
  const x = a * SQRT1_2;
  if (x < -SQRT1_2) return 0.5 * erfc(-x);
  if (x < SQRT1_2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log ndtr(a); an asymptotic series below -20 where ndtr underflows. */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a); // log(1 - e) ~ -e for tiny e
  if (a > -20) return Math.log(ndtr(a));
  const logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
  let last = 0, rhs = 1, numerator = 1, denomFactor = 1, sign = 1;
  const denomCons = 1 / (a * a);
  for (let i = 1; Math.abs(last - rhs) > Number.EPSILON; i++) {
    last = rhs;
    sign = -sign;
    denomFactor *= denomCons;
    numerator *= 2 * i - 1;
    rhs += sign * numerator * denomFactor;
  }
  return logLhs + Math.log(rhs);
}

/** log(exp(p) - exp(q)) for p >= q. */
function logDiff(p: number, q: number): number {
  return p + Math.log1p(-Math.exp(q - p));
}

function logAddExp(p: number, q: number): number {
  if (p === Number.NEGATIVE_INFINITY) return q;
  if (q === Number.NEGATIVE_INFINITY) return p;
  const m = Math.max(p, q);
  return m + Math.log1p(Math.exp(-Math.abs(p - q)));
}

/** log P(a <= Z <= b) for a standard normal Z. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  // Straddling zero the mass is near 1: subtracting both tails avoids cancellation.
  return Math.log1p(-(0.5 + 0.5 * erf(a * SQRT1_2)) - (0.5 + 0.5 * erf(-b * SQRT1_2)));
}

/** x such that logNdtr(x) = y (y <= 0), by Newton's method from a tail or logistic guess. */
export function ndtriExp(y: number): number {
  const flipped = y > -1e-2; // near 0 work with the other tail: log(1 - exp(y))
  const z = flipped ? Math.log(-Math.expm1(y)) : y;
  let x = z < -5 ? -Math.sqrt(-2 * (z + LOG_SQRT_2PI)) : -LOGISTIC_C * Math.log(Math.expm1(-z));
  for (let i = 0; i < NEWTON_MAX_ITERATIONS; i++) {
    const logNdtrX = logNdtr(x);
    const dx = (logNdtrX - z) * Math.exp(logNdtrX + 0.5 * x * x + LOG_SQRT_2PI);
    x -= dx;
    if (!(Math.abs(dx) >= NEWTON_RTOL * Math.abs(x))) break;
  }
  return flipped ? -x : x;
}

/** Quantile q of the standard normal truncated to [a, b]. */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a === b) return Number.NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  const logMass = logGaussMass(a, b);
  if (a < 0) return ndtriExp(logAddExp(logNdtr(a), Math.log(q) + logMass));
  return -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-q) + logMass));
}

/** log density at x of N(loc, scale) truncated to [loc + a*scale, loc + b*scale]. */
export function truncnormLogPdf(x: number, a: number, b: number, loc: number, scale: number): number {
  if (a === b) return Number.NaN;
  const z = (x - loc) / scale;
  if (z < a || z > b) return Number.NEGATIVE_INFINITY;
  return -0.5 * z * z - LOG_SQRT_2PI - logGaussMass(a, b) - Math.log(scale);
}

export const LOG_SQRT_TWO_PI = LOG_SQRT_2PI;
