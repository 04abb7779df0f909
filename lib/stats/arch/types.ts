// The three small interfaces an ARCH-family model is composed from (as arch's MeanModel,
// VolatilityProcess and Distribution): each names its parameters, gives bounds/starting values,
// maps an unconstrained vector onto its feasible set, and runs its kernel over preallocated arrays.
import type { Rng } from '../../util/random';
import type { VarianceBounds } from '../volatility';

/** Unconstrained <-> constrained map of one component's parameter block. */
export interface ParamTransform {
  /** Fills u (free coordinates) from a strictly feasible theta. */
  toFree(theta: Float64Array, u: Float64Array): void;
  /** Fills theta from u and jac (k x k row-major, d theta_i / d u_j). */
  fromFree(u: Float64Array, theta: Float64Array, jac: Float64Array): void;
}

/** JSON specs: what toJSON writes and fromJSON reads. */
export type MeanSpec =
  | { readonly type: 'zero' }
  | { readonly type: 'constant' }
  | { readonly type: 'arx'; readonly lags: number; readonly constant: boolean; readonly exogenous: number };
export type VolatilitySpec =
  | { readonly type: 'garch'; readonly p: number; readonly o: number; readonly q: number }
  | { readonly type: 'egarch'; readonly p: number; readonly o: number; readonly q: number }
  | { readonly type: 'constant' };
export type DistributionSpec = { readonly type: 'normal' } | { readonly type: 'studentT' } | { readonly type: 'skewT' };

/** Linear mean y[t] = X[t,:] . beta + e[t]; X holds constant, lags of y and exogenous columns. */
export interface MeanModel {
  readonly spec: MeanSpec;
  readonly name: string;
  readonly paramNames: readonly string[];
  /** Leading observations used only as lags (arch's hold_back). */
  readonly holdBack: number;
  /** Row-major (n - holdBack) x k design matrix for y (and exogenous columns x, n x kx row-major). */
  design(y: Float64Array, x: Float64Array | undefined): Float64Array;
  /** Next y given beta, the past values of y (ys[t-1] is the latest) and exogenous row. */
  step(beta: Float64Array, ys: Float64Array, t: number, xRow: Float64Array | undefined): number;
  /** AR coefficients (phi_1..phi_p) inside beta, for forecasts and impulse responses. */
  arCoefficients(beta: Float64Array): Float64Array;
  /** Intercept inside beta (0 when absent). */
  intercept(beta: Float64Array): number;
}

export interface VolatilityProcess {
  readonly spec: VolatilitySpec;
  readonly name: string;
  readonly paramNames: readonly string[];
  /** Largest lag of the recursion. */
  readonly maxLag: number;
  /** arch's backcast on the process' own scale (log variance for EGARCH). */
  backcast(resids: Float64Array): number;
  /** arch's starting-value grid: the best Gaussian likelihood wins. */
  startingValues(resids: Float64Array, backcast: number, bounds: VarianceBounds): Float64Array;
  /** [lower, upper] per parameter, as arch's bounds(resids). */
  bounds(resids: Float64Array): Array<[number, number]>;
  /** Empty string when theta satisfies arch's bounds and constraints, else the violated rule. */
  infeasibility(theta: Float64Array, bounds: Array<[number, number]>): string;
  transform(bounds: Array<[number, number]>): ParamTransform;
  /** sigma2 from resids (arch compute_variance). */
  variance(theta: Float64Array, resids: Float64Array, backcast: number, vb: VarianceBounds | undefined, sigma2: Float64Array): void;
  /**
   * sigma2 and jac (n x (kv + km)): d sigma2[t] / d (vol params, then mean params), where the mean
   * enters through dResid (n x km, de[t]/d beta). Backcast and bounds held fixed, as in arch.
   */
  varianceJacobian(
    theta: Float64Array, resids: Float64Array, dResid: Float64Array, km: number, backcast: number,
    vb: VarianceBounds, sigma2: Float64Array, jac: Float64Array,
  ): void;
  /**
   * Optional reverse-mode (adjoint) gradient: with sigma2 from `variance` at theta and dS[t] =
   * d ll / d sigma2[t], writes sum_t dS[t] d sigma2[t] / d [theta | beta] into grad (kv + km),
   * without forming the n x (kv + km) Jacobian; false where the process has no such path.
   */
  varianceGradient?(
    theta: Float64Array, resids: Float64Array, dResid: Float64Array, km: number, backcast: number,
    vb: VarianceBounds, sigma2: Float64Array, dS: Float64Array, grad: Float64Array,
  ): boolean;
  /**
   * Simulates e[t] = sqrt(sigma2[t]) * z[t] over all of z (standardised draws), started as arch
   * does (at the unconditional level); fills e and sigma2.
   */
  simulate(theta: Float64Array, z: Float64Array, e: Float64Array, sigma2: Float64Array): void;
  /**
   * Analytic forecasts of sigma2[origin + h], h = 1..horizon, into out; null when the process has
   * none beyond one step (EGARCH). sigma2 is the in-sample variance path.
   */
  analyticForecast(
    theta: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number, origin: number,
    horizon: number, out: Float64Array,
  ): boolean;
  /**
   * Simulated variance paths from origin: z is nPaths x horizon standardised draws; fills paths
   * (nPaths x horizon) with sigma2 and shocks (same shape) with e.
   */
  simulateForecast(
    theta: Float64Array, resids: Float64Array, sigma2: Float64Array, backcast: number, origin: number,
    horizon: number, z: Float64Array, nPaths: number, paths: Float64Array, shocks: Float64Array,
  ): void;
}

export interface Distribution {
  readonly spec: DistributionSpec;
  readonly name: string;
  readonly paramNames: readonly string[];
  bounds(): Array<[number, number]>;
  startingValues(stdResids: Float64Array): Float64Array;
  infeasibility(theta: Float64Array): string;
  transform(bounds: Array<[number, number]>): ParamTransform;
  /**
   * Total log-likelihood; when dS/dE are given fills dll[t]/dsigma2[t], dll[t]/de[t]; when dShape is
   * given fills the per-observation shape scores (n x kd row-major); when lls is given, each ll[t];
   * when shapeSum is given, the shape scores summed over observations (kd).
   */
  logLikelihood(
    shape: Float64Array, resids: Float64Array, sigma2: Float64Array,
    dS?: Float64Array, dE?: Float64Array, dShape?: Float64Array, lls?: Float64Array, shapeSum?: Float64Array,
  ): number;
  /** One standardised (mean 0, variance 1) draw. */
  draw(shape: Float64Array, rng: Rng): number;
}
