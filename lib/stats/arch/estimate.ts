// Maximum-likelihood estimation of a composed model, following arch's ARCHModel.fit: OLS mean
// starting values, backcast and variance bounds from the residuals at those values, the volatility
// grid's best point, moment-based shape starting values; then BFGS on the unconstrained
// reparameterisation (bounds and constraints hold by construction) and a guarded Newton polish.
import { InvalidArgumentError } from '../../util/errors';
import { hessianFromGradient } from '../numdiff';
import { minimizeBfgs, solveLinear } from '../optimize';
import { varianceBounds, type VarianceBounds } from '../volatility';
import { parameterCovariances, sandwich, type Covariances } from './covariance';
import { createArchLikelihood, type ArchLikelihood } from './likelihood';
import { meanResiduals, olsCoefficients } from './mean';
import { composeTransforms, boxTransform } from './transform';
import type { Distribution, MeanModel, VolatilityProcess } from './types';

export const DEFAULT_FIT_MAX_ITERATIONS = 1000;
/** Largest |gradient| of the mean log-likelihood in the free coordinates accepted as converged. */
export const DEFAULT_FIT_GRADIENT_TOLERANCE = 1e-9;
const NEWTON_POLISH_STEPS = 8;
/** Mean-log-likelihood gradient accepted when BFGS stalls (about the -llf gradient of ~0.5 at which arch's SLSQP stops, n = 5000). */
export const STALLED_GRADIENT_TOLERANCE = 1e-4;

export interface Parts {
  readonly mean: MeanModel;
  readonly volatility: VolatilityProcess;
  readonly distribution: Distribution;
}

export interface Estimate {
  readonly theta: Float64Array;
  readonly names: readonly string[];
  readonly logLikelihood: number;
  /** Computed on first access (arch's param_cov is lazy too). */
  readonly covariances: Covariances;
  readonly residuals: Float64Array;
  readonly sigma2: Float64Array;
  readonly backcast: number;
  readonly varianceBounds: VarianceBounds;
  readonly converged: boolean;
  readonly message: string;
  readonly iterations: number;
  /** Starting values actually used. */
  readonly start: Float64Array;
}

export interface EstimateSettings {
  readonly startingValues?: Float64Array;
  readonly maxIterations: number;
  readonly gradientTolerance: number;
}

export function allNames(parts: Parts): string[] {
  return [...parts.mean.paramNames, ...parts.volatility.paramNames, ...parts.distribution.paramNames];
}

export function estimate(parts: Parts, y: Float64Array, x: Float64Array | undefined, settings: EstimateSettings): Estimate {
  const { mean, volatility: vol, distribution: dist } = parts;
  const km = mean.paramNames.length, kv = vol.paramNames.length, kd = dist.paramNames.length, k = km + kv + kd;
  const names = allNames(parts);
  const X = mean.design(y, x);
  const yFit = y.subarray(mean.holdBack);
  const n = yFit.length;
  const beta0 = km > 0 ? olsCoefficients(X, yFit, km) : new Float64Array(0);
  const resids0 = meanResiduals(X, yFit, beta0, km, new Float64Array(n));
  const backcast = vol.backcast(resids0);
  const vb = varianceBounds(resids0);

  if (vol.spec.type === 'constant' && dist.spec.type === 'normal') return closedForm(parts, X, yFit, beta0, resids0, names, backcast, vb);

  const svVol = vol.startingValues(resids0, backcast, vb);
  const s2 = new Float64Array(n);
  vol.variance(svVol, resids0, backcast, vb, s2);
  const std = resids0.map((e, t) => e / Math.sqrt(s2[t]));
  const volBounds = vol.bounds(resids0), distBounds = dist.bounds();
  const start = settings.startingValues ?? Float64Array.from([...beta0, ...svVol, ...dist.startingValues(std)]);
  checkFeasible(parts, start, names, volBounds);

  const lik = createArchLikelihood(yFit, X, { km, kv, kd }, vol, dist, backcast, vb);
  const transform = composeTransforms([
    { transform: boxTransform(Array.from({ length: km }, (): [number, number] => [-Infinity, Infinity])), size: km },
    { transform: vol.transform(volBounds), size: kv },
    { transform: dist.transform(distBounds), size: kd },
  ]);
  const theta = new Float64Array(k), J = new Float64Array(k * k), g = new Float64Array(k);
  const objective = (u: Float64Array, gu: Float64Array): number => {
    transform.fromFree(u, theta, J);
    const llf = lik.valueAndGradient(theta, g);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += J[i * k + j] * g[i];
      gu[j] = -s / n;
    }
    return Number.isFinite(llf) ? -llf / n : NaN;
  };
  const u0 = new Float64Array(k);
  transform.toFree(start, u0);
  const bfgs = minimizeBfgs(objective, u0, { gradientTolerance: settings.gradientTolerance, maxIterations: settings.maxIterations, acceptWithinRounding: true });
  transform.fromFree(bfgs.x, theta, J);
  const polished = bfgs.converged ? { theta: Float64Array.from(theta), steps: 0 } : polish(lik, theta, (v) => infeasibility(parts, v, volBounds) === '');
  const llf = lik.value(polished.theta);
  // BFGS stalls without a tiny gradient only at a kink of the likelihood (|z| when a return equals
  // the mean, a variance bound switching on); a small gradient there is as converged as it gets.
  let gmax = 0;
  for (let i = 0; i < k; i++) gmax = Math.max(gmax, Math.abs(bfgs.gradient[i]));
  const converged = bfgs.converged || gmax < STALLED_GRADIENT_TOLERANCE;
  const message = `${converged ? 'converged' : 'NOT converged'}: ${bfgs.message} after ${bfgs.iterations} BFGS iterations (max |gradient| ${gmax.toExponential(2)})` +
    (polished.steps > 0 ? ` and ${polished.steps} Newton steps` : '');
  const residuals = Float64Array.from(lik.resids), sigma2 = Float64Array.from(lik.sigma2);
  const thetaHat = polished.theta;
  let covariances: Covariances | undefined;
  return {
    theta: thetaHat, names, logLikelihood: llf,
    // Lazy: the Hessian and scores cost as much as a third of the fit and many callers never need them.
    get covariances(): Covariances { return (covariances ??= parameterCovariances(lik, thetaHat)); },
    residuals, sigma2,
    backcast, varianceBounds: vb, converged, message, iterations: bfgs.iterations + polished.steps, start,
  };
}

/** Newton steps in the natural coordinates; each must stay feasible and raise the likelihood. */
function polish(lik: ArchLikelihood, theta0: Float64Array, feasible: (v: Float64Array) => boolean) {
  const k = lik.k, n = lik.n;
  let theta = Float64Array.from(theta0);
  const grad = (v: Float64Array, out: Float64Array) => { lik.valueAndGradient(v, out); for (let i = 0; i < k; i++) out[i] /= n; };
  let llf = lik.value(theta);
  let steps = 0;
  const g = new Float64Array(k);
  for (; steps < NEWTON_POLISH_STEPS; steps++) {
    grad(theta, g);
    const H = hessianFromGradient(grad, theta);
    const step = solveLinear(H, g.map((v) => -v));
    if (!step) break;
    const next = theta.map((v, i) => v + step[i]);
    if (!feasible(next)) break;
    const nextLlf = lik.value(next);
    if (!(nextLlf > llf)) break;
    const gain = nextLlf - llf;
    theta = next; llf = nextLlf;
    if (gain < 1e-12 * Math.abs(llf)) { steps++; break; }
  }
  return { theta, steps };
}

export function infeasibility(parts: Parts, theta: Float64Array, volBounds: Array<[number, number]>): string {
  const km = parts.mean.paramNames.length, kv = parts.volatility.paramNames.length;
  for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i])) return `parameter ${i} is not finite`;
  return parts.volatility.infeasibility(theta.subarray(km, km + kv), volBounds) || parts.distribution.infeasibility(theta.subarray(km + kv));
}

function checkFeasible(parts: Parts, start: Float64Array, names: readonly string[], volBounds: Array<[number, number]>): void {
  if (start.length !== names.length) {
    throw new InvalidArgumentError('options.startingValues', start, `has ${start.length} values, the model has ${names.length} parameters`, `pass values for ${names.join(', ')}`);
  }
  const problem = infeasibility(parts, start, volBounds);
  if (problem) {
    throw new InvalidArgumentError('options.startingValues', Object.fromEntries(names.map((nm, i) => [nm, start[i]])), `are infeasible: ${problem}`,
      'omit startingValues to use arch\'s grid, or pass values inside the bounds and constraints');
  }
}

/** arch's _fit_no_arch_normal_errors: OLS mean, sigma2 = e'e/n, White robust covariance. */
function closedForm(parts: Parts, X: Float64Array, y: Float64Array, beta: Float64Array, e: Float64Array, names: readonly string[], backcast: number, vb: VarianceBounds): Estimate {
  const n = y.length, km = beta.length, k = km + 1;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += e[t] * e[t];
  const s2 = ss / n;
  // hessian = blockdiag(-inv(X'X/n), -1), as arch.
  const xtx = new Float64Array(km * km);
  for (let t = 0; t < n; t++) for (let i = 0; i < km; i++) for (let j = 0; j < km; j++) xtx[i * km + j] += (X[t * km + i] * X[t * km + j]) / n;
  const H = new Float64Array(k * k);
  if (km > 0) {
    const inv = invertSmall(xtx, km);
    for (let i = 0; i < km; i++) for (let j = 0; j < km; j++) H[i * k + j] = -inv[i * km + j];
  }
  H[k * k - 1] = -1;
  const classic = H.map((v) => (-v * s2) / n);
  classic[k * k - 1] = (2 * s2 * s2) / n;
  const S = new Float64Array(k * k), sc = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < km; i++) sc[i] = X[t * km + i] * e[t];
    sc[km] = e[t] * e[t] - s2;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) S[i * k + j] += (sc[i] * sc[j]) / n;
  }
  const robust = sandwich(H, S, k).map((v) => v / n);
  const theta = Float64Array.from([...beta, s2]);
  const llf = -0.5 * n * (Math.log(2 * Math.PI) + Math.log(s2) + 1);
  return {
    theta, names, logLikelihood: llf, covariances: { classic, robust }, residuals: Float64Array.from(e),
    sigma2: new Float64Array(n).fill(s2), backcast, varianceBounds: vb, converged: true,
    message: 'closed form (OLS mean, constant variance, normal errors)', iterations: 0, start: theta,
  };
}

function invertSmall(A: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const e = new Float64Array(k); e[c] = 1;
    const col = solveLinear(A, e)!;
    for (let r = 0; r < k; r++) out[r * k + c] = col[r];
  }
  return out;
}
