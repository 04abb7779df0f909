// GARCH(1,1) with a constant mean and normal errors, estimated by maximum likelihood the way arch's
// arch_model(y, mean='Constant', vol='GARCH', p=1, q=1, dist='normal').fit() does: same backcast,
// variance bounds, starting-value grid and likelihood; a different optimiser (BFGS on an
// unconstrained reparameterisation, then Newton polishing) that reaches the same optimum or a
// marginally higher one.
import { InvalidArgumentError } from '../util/errors';
import { createGarch11Likelihood, type Garch11Likelihood } from './likelihood';
import { constantMeanResiduals, sampleMean } from './mean';
import { approxHessian, hessianFromGradient } from './numdiff';
import { invertMatrix, minimizeBfgs, solveLinear } from './optimize';
import { rejectUnknownOptions, validateSeries } from './validate';
import { ewmaBackcast, garch11Variance, varianceBounds, type Garch11VolatilityParams, type VarianceBounds } from './volatility';

export interface Garch11Params extends Garch11VolatilityParams {
  readonly mu: number;
}

export interface Garch11FitOptions {
  /** Start here instead of arch's grid; must satisfy the constraints. */
  readonly startingValues?: Garch11Params;
  /** BFGS iteration cap (default DEFAULT_GARCH11_MAX_ITERATIONS). */
  readonly maxIterations?: number;
  /** Largest absolute gradient of the mean log-likelihood accepted as converged. */
  readonly gradientTolerance?: number;
}

export interface Garch11Fit {
  readonly params: Garch11Params;
  /** Classic (inverse-Hessian) standard errors, as arch's fit(cov_type='classic'). */
  readonly standardErrors: Garch11Params;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
  readonly nobs: number;
  readonly residuals: Float64Array;
  readonly conditionalVolatility: Float64Array;
  readonly standardizedResiduals: Float64Array;
  /** Pre-sample variance used to start the recursion (kept for forecasting and refits). */
  readonly backcast: number;
  readonly converged: boolean;
  readonly message: string;
  readonly iterations: number;
}

/** Fewer observations cannot pin down four parameters and a persistent variance process. */
export const GARCH11_MIN_OBSERVATIONS = 100;
export const DEFAULT_GARCH11_MAX_ITERATIONS = 500;
export const DEFAULT_GARCH11_GRADIENT_TOLERANCE = 1e-8;
const FIT_OPTION_KEYS = ['startingValues', 'maxIterations', 'gradientTolerance'] as const;
const NEWTON_POLISH_STEPS = 10;

/** Throws unless omega > 0, alpha >= 0, beta >= 0, alpha + beta < 1 and mu is finite. */
export function validateGarch11Params(argument: string, params: unknown): asserts params is Garch11Params {
  const p = params as Partial<Garch11Params> | null;
  const fix = 'pass { mu, omega, alpha, beta } with finite mu, omega > 0, alpha >= 0, beta >= 0 and alpha + beta < 1';
  if (p === null || typeof p !== 'object') throw new InvalidArgumentError(argument, params, 'must be an object', fix);
  for (const key of ['mu', 'omega', 'alpha', 'beta'] as const) {
    if (typeof p[key] !== 'number' || !Number.isFinite(p[key])) {
      throw new InvalidArgumentError(`${argument}.${key}`, p[key], 'must be a finite number', fix);
    }
  }
  const { omega, alpha, beta } = p as Garch11Params;
  if (!(omega > 0)) throw new InvalidArgumentError(`${argument}.omega`, omega, 'must be positive', fix);
  if (alpha < 0) throw new InvalidArgumentError(`${argument}.alpha`, alpha, 'must be non-negative', fix);
  if (beta < 0) throw new InvalidArgumentError(`${argument}.beta`, beta, 'must be non-negative', fix);
  if (!(alpha + beta < 1)) {
    throw new InvalidArgumentError(`${argument}.alpha + ${argument}.beta`, alpha + beta, 'must be below 1 (covariance stationarity)', fix);
  }
}

const toVector = (p: Garch11Params) => Float64Array.of(p.mu, p.omega, p.alpha, p.beta);
const fromVector = (v: Float64Array): Garch11Params => ({ mu: v[0], omega: v[1], alpha: v[2], beta: v[3] });
const isFeasible = (v: Float64Array) => v[1] > 0 && v[2] >= 0 && v[3] >= 0 && v[2] + v[3] < 1;

/**
 * arch's GARCH.starting_values for p=1, q=1: omega = (1 - persistence) * mean(e^2) with alpha in
 * {0.01, 0.05, 0.1, 0.2} and persistence in {0.5, 0.7, 0.9, 0.98}; the grid point with the highest
 * Gaussian likelihood wins (first one on ties, as np.argmax).
 */
export function garch11StartingValues(resids: Float64Array, backcast: number, bounds: VarianceBounds): Garch11VolatilityParams {
  let target = 0;
  for (let t = 0; t < resids.length; t++) target += resids[t] * resids[t];
  target /= resids.length;
  const sigma2 = new Float64Array(resids.length);
  let best: Garch11VolatilityParams = { omega: target, alpha: 0, beta: 0 }, bestLlf = -Infinity;
  for (const alpha of [0.01, 0.05, 0.1, 0.2]) {
    for (const persistence of [0.5, 0.7, 0.9, 0.98]) {
      const candidate = { omega: (1 - persistence) * target, alpha, beta: persistence - alpha };
      garch11Variance(resids, candidate, backcast, sigma2, bounds);
      let llf = 0;
      for (let t = 0; t < resids.length; t++) llf -= Math.log(sigma2[t]) + (resids[t] * resids[t]) / sigma2[t];
      if (llf > bestLlf) { bestLlf = llf; best = candidate; }
    }
  }
  return best;
}

// Unconstrained coordinates u = [mu, log omega, logit(alpha + beta), logit(alpha / (alpha + beta))]
// make every u feasible, so BFGS needs no constraint handling.
const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));
const clampOpen = (p: number) => Math.min(Math.max(p, 1e-10), 1 - 1e-10);

function toUnconstrained(theta: Float64Array): Float64Array {
  const persistence = clampOpen(theta[2] + theta[3]);
  const share = clampOpen(theta[2] / Math.max(theta[2] + theta[3], 1e-300));
  return Float64Array.of(theta[0], Math.log(theta[1]), logit(persistence), logit(share));
}

function fromUnconstrained(u: Float64Array, theta: Float64Array): Float64Array {
  const persistence = logistic(u[2]), share = logistic(u[3]);
  theta[0] = u[0]; theta[1] = Math.exp(u[1]);
  theta[2] = persistence * share; theta[3] = persistence * (1 - share);
  return theta;
}

function estimate(lik: Garch11Likelihood, start: Float64Array, n: number, maxIterations: number, tol: number) {
  const theta = new Float64Array(4), g = new Float64Array(4);
  // Mean negative log-likelihood: O(1) regardless of n, so tolerances need no rescaling.
  const objective = (u: Float64Array, gu: Float64Array): number => {
    fromUnconstrained(u, theta);
    const llf = lik.valueAndGradient(theta, g);
    const p = logistic(u[2]), s = logistic(u[3]);
    const dp = p * (1 - p), ds = s * (1 - s);
    gu[0] = -g[0] / n;
    gu[1] = (-g[1] * theta[1]) / n;
    gu[2] = -(g[2] * s * dp + g[3] * (1 - s) * dp) / n;
    gu[3] = -(g[2] * p * ds - g[3] * p * ds) / n;
    return -llf / n;
  };
  const bfgs = minimizeBfgs(objective, toUnconstrained(start), { gradientTolerance: tol, maxIterations });
  let x = fromUnconstrained(bfgs.x, new Float64Array(4));

  // Newton in the natural coordinates removes the last digits BFGS leaves behind at an interior
  // optimum; a step that leaves the feasible set or raises the gradient is refused.
  const gradNat = (v: Float64Array, out: Float64Array) => {
    lik.valueAndGradient(v, out);
    for (let i = 0; i < 4; i++) out[i] = -out[i] / n;
  };
  const gradNorm = (v: Float64Array) => { gradNat(v, g); return Math.max(...Array.from(g, Math.abs)); };
  let current = gradNorm(x), polishSteps = 0;
  for (; polishSteps < NEWTON_POLISH_STEPS && current > 1e-13; polishSteps++) {
    gradNat(x, g);
    const step = solveLinear(hessianFromGradient(gradNat, x), Float64Array.from(g, (v) => -v));
    if (!step) break;
    const next = Float64Array.from(x, (v, i) => v + step[i]);
    if (!isFeasible(next)) break;
    const nextNorm = gradNorm(next);
    if (!(nextNorm < current)) break;
    x = next; current = nextNorm;
  }
  const converged = bfgs.converged || current < tol;
  const message = current < tol ? 'converged: gradient of the mean log-likelihood below tolerance' : `${converged ? 'converged' : 'not converged'}: ${bfgs.message}`;
  return { theta: x, converged, message, iterations: bfgs.iterations + polishSteps };
}

/** Maximum-likelihood fit of y[t] = mu + e[t], e[t] ~ N(0, sigma2[t]), sigma2 GARCH(1,1). */
export function fitGarch11(returns: Float64Array, options: Garch11FitOptions = {}): Garch11Fit {
  validateSeries('returns', returns, GARCH11_MIN_OBSERVATIONS);
  rejectUnknownOptions('options', options, FIT_OPTION_KEYS);
  const maxIterations = options.maxIterations ?? DEFAULT_GARCH11_MAX_ITERATIONS;
  const tol = options.gradientTolerance ?? DEFAULT_GARCH11_GRADIENT_TOLERANCE;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InvalidArgumentError('options.maxIterations', maxIterations, 'must be a positive integer', 'omit it or pass e.g. 500');
  }
  if (!(tol > 0)) throw new InvalidArgumentError('options.gradientTolerance', tol, 'must be positive', 'omit it or pass e.g. 1e-8');
  if (options.startingValues !== undefined) validateGarch11Params('options.startingValues', options.startingValues);

  const n = returns.length;
  const mu0 = sampleMean(returns);
  const resids0 = constantMeanResiduals(returns, mu0, new Float64Array(n));
  const backcast = ewmaBackcast(resids0);
  const bounds = varianceBounds(resids0);
  const start = options.startingValues ?? { mu: mu0, ...garch11StartingValues(resids0, backcast, bounds) };
  const lik = createGarch11Likelihood(returns, backcast, bounds);
  const { theta, converged, message, iterations } = estimate(lik, toVector(start), n, maxIterations, tol);

  const params = fromVector(theta);
  const logLikelihood = lik.value(theta);
  const cov = invertMatrix(approxHessian((v) => -lik.value(v), theta), 4);
  const se = Float64Array.from({ length: 4 }, (_, i) => (cov && cov[i * 5] > 0 ? Math.sqrt(cov[i * 5]) : NaN));

  const residuals = constantMeanResiduals(returns, params.mu, new Float64Array(n));
  const sigma2 = garch11Variance(residuals, params, backcast, new Float64Array(n), bounds);
  const conditionalVolatility = sigma2.map(Math.sqrt);
  const standardizedResiduals = residuals.map((e, t) => e / conditionalVolatility[t]);
  const k = 4;
  return {
    params,
    standardErrors: fromVector(se),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * k,
    bic: -2 * logLikelihood + Math.log(n) * k,
    nobs: n,
    residuals,
    conditionalVolatility,
    standardizedResiduals,
    backcast,
    converged,
    message,
    iterations,
  };
}
