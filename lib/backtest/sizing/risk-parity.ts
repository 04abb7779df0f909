// Risk parity: weights under which every asset contributes the same share of portfolio variance
// (or a chosen share, its risk budget). Contribution of asset i: w_i (Sigma w)_i / (w' Sigma w).
//
// 'inverseVolatility' sets w_i proportional to 1 / sigma_i, exact risk parity only when the
// assets are uncorrelated. 'equalRiskContribution' solves the budgets exactly by Newton's method
// on Spinu's (2013) convex problem  min 0.5 y' Sigma y - sum_i b_i ln y_i  over y > 0, whose
// optimum satisfies y_i (Sigma y)_i = b_i; then w = y / sum(y). The problem is strictly convex, so
// the long-only solution is unique and Newton converges quadratically from inverse volatility
// (rolling: from the previous bar's weights).
import { solveLinear } from '../../stats/optimize';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { requireInteger } from './check';

export type RiskParityMethod = 'inverseVolatility' | 'equalRiskContribution';

export const DEFAULT_RISK_PARITY_METHOD: RiskParityMethod = 'equalRiskContribution';
/**
 * Newton stops once every |y_i (Sigma y)_i - b_i| is below this (the budgets sum to 1), or once
 * no Newton step improves y in floating point while that error is below STALL_ACCEPT (an
 * ill-conditioned covariance, e.g. 20 assets on 60 bars, reaches ~1e-12, not 1e-14).
 */
export const DEFAULT_RISK_PARITY_TOLERANCE = 1e-12;
const STALL_ACCEPT = 1e-9;
/** Newton decrement below which the objective's rounding hides a step's progress (f is O(1)). */
const NEAR_OPTIMUM = 1e-10;
export const DEFAULT_RISK_PARITY_MAX_ITERATIONS = 100;
/** Rolling risk parity: re-solve every bar unless told otherwise. */
export const DEFAULT_RISK_PARITY_REBALANCE_EVERY = 1;

/** A covariance matrix (rows), or per-asset return columns to estimate one from (sample, n - 1). */
export type RiskParityInput =
  | { readonly covariance: readonly (Float64Array | readonly number[])[] }
  | { readonly returns: readonly Float64Array[] };

export interface RiskParityOptions {
  readonly method?: RiskParityMethod;
  /** 'equalRiskContribution' only: target shares of risk, positive, normalised to sum 1; default equal. */
  readonly riskBudgets?: readonly number[] | Float64Array;
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export interface RiskParityResult {
  /** Long-only weights summing to 1. */
  readonly weights: Float64Array;
  /** Each asset's share of portfolio variance; they sum to 1. */
  readonly riskContributions: Float64Array;
  /** Portfolio standard deviation per period, sqrt(w' Sigma w). */
  readonly volatility: number;
  /** Newton iterations taken (0 for inverse volatility). */
  readonly iterations: number;
}

const OPTION_KEYS = ['method', 'riskBudgets', 'tolerance', 'maxIterations'] as const;

export function riskParityWeights(input: RiskParityInput, options: RiskParityOptions = {}): RiskParityResult {
  rejectUnknownOptions('input', input, ['covariance', 'returns']);
  const { covariance, n } = covarianceOf(input);
  const settings = checkOptions(options, n);
  return solveRiskParity(covariance, n, settings, undefined);
}

export interface RollingRiskParityOptions extends RiskParityOptions {
  /** Bars of returns in each covariance estimate (at least 2). */
  readonly window: number;
  /** Re-solve every this many bars and hold the weights between (DEFAULT_RISK_PARITY_REBALANCE_EVERY). */
  readonly rebalanceEvery?: number;
}

/**
 * Risk parity weights per bar from the covariance of the last `window` returns: weights[i][t]
 * uses returns[.][t - window + 1 .. t] only, so it is known at the close of t and held over t+1.
 * NaN before the first full window and after a window holding a NaN return (until the next
 * rebalance whose window is complete). Rebalance bars are window - 1 + k * rebalanceEvery.
 */
export function rollingRiskParity(returns: readonly Float64Array[], options: RollingRiskParityOptions): Float64Array[] {
  rejectUnknownOptions('options', options, [...OPTION_KEYS, 'window', 'rebalanceEvery']);
  const n = checkReturnColumns(returns, false);
  const bars = returns[0]!.length;
  const window = requireInteger('options.window', options?.window, 2, 'pass e.g. 60 bars (about three months of daily returns)');
  const every = requireInteger('options.rebalanceEvery', options.rebalanceEvery ?? DEFAULT_RISK_PARITY_REBALANCE_EVERY, 1, 'pass 1 (every bar), 5 (weekly on daily bars) or 21 (monthly)');
  const { window: _w, rebalanceEvery: _r, ...rest } = options;
  const settings = checkOptions(rest, n);
  const weights = returns.map(() => new Float64Array(bars).fill(NaN));
  let held: Float64Array | null = null;
  let warm: Float64Array | undefined;
  for (let t = window - 1; t < bars; t++) {
    if ((t - (window - 1)) % every === 0) {
      const cov = windowCovariance(returns, t - window + 1, t + 1);
      if (cov === null) {
        held = null;
      } else {
        const result = solveRiskParity(cov, n, settings, warm);
        held = result.weights;
        warm = result.weights;
      }
    }
    if (held !== null) for (let i = 0; i < n; i++) weights[i]![t] = held[i]!;
  }
  return weights;
}

interface Settings {
  readonly method: RiskParityMethod;
  readonly budgets: Float64Array;
  readonly tolerance: number;
  readonly maxIterations: number;
}

function checkOptions(options: RiskParityOptions, n: number): Settings {
  rejectUnknownOptions('options', options, OPTION_KEYS);
  const method = options.method ?? DEFAULT_RISK_PARITY_METHOD;
  if (method !== 'inverseVolatility' && method !== 'equalRiskContribution') {
    throw new InvalidArgumentError('options.method', method, "must be 'inverseVolatility' or 'equalRiskContribution'", "pass 'equalRiskContribution' for exact risk parity");
  }
  if (method === 'inverseVolatility') {
    for (const key of ['riskBudgets', 'tolerance', 'maxIterations'] as const) {
      if (options[key] !== undefined) {
        throw new InvalidArgumentError(`options.${key}`, options[key], "applies to method 'equalRiskContribution' only", `leave ${key} out or pass method: 'equalRiskContribution'`);
      }
    }
  }
  let budgets = new Float64Array(n).fill(1 / n);
  if (options.riskBudgets !== undefined) {
    const b = options.riskBudgets;
    if (!(Array.isArray(b) || b instanceof Float64Array) || b.length !== n) {
      throw new InvalidArgumentError('options.riskBudgets', b, `must hold ${n} numbers, one per asset`, 'pass one positive share of risk per asset, e.g. [0.5, 0.25, 0.25]');
    }
    const bad = Array.from(b).findIndex((v) => typeof v !== 'number' || !(v > 0) || !Number.isFinite(v));
    if (bad >= 0) throw new InvalidArgumentError(`options.riskBudgets[${bad}]`, b[bad], 'must be a positive finite number', 'give every asset a positive share of risk (drop an asset instead of a zero budget)');
    const sum = Array.from(b).reduce((s, v) => s + v, 0);
    budgets = Float64Array.from(b, (v) => v / sum);
  }
  const tolerance = options.tolerance ?? DEFAULT_RISK_PARITY_TOLERANCE;
  if (typeof tolerance !== 'number' || !(tolerance > 0 && tolerance < 1)) {
    throw new InvalidArgumentError('options.tolerance', tolerance, 'must be in (0, 1)', 'pass e.g. 1e-12');
  }
  const maxIterations = requireInteger('options.maxIterations', options.maxIterations ?? DEFAULT_RISK_PARITY_MAX_ITERATIONS, 1, 'pass e.g. 100');
  return { method, budgets, tolerance, maxIterations };
}

function covarianceOf(input: RiskParityInput): { covariance: Float64Array; n: number } {
  if ('returns' in input && input.returns !== undefined) {
    if ('covariance' in input && input.covariance !== undefined) {
      throw new InvalidArgumentError('input', Object.keys(input), 'holds both covariance and returns', 'pass { covariance } or { returns }, not both');
    }
    const n = checkReturnColumns(input.returns, true);
    return { covariance: windowCovariance(input.returns, 0, input.returns[0]!.length)!, n };
  }
  const rows = (input as { covariance?: unknown }).covariance;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidArgumentError('input.covariance', rows, 'must be a non-empty array of rows', 'pass { covariance: [[...], ...] } (n rows of n numbers) or { returns: [column per asset] }');
  }
  const n = rows.length;
  const covariance = new Float64Array(n * n);
  rows.forEach((row: unknown, i) => {
    if (!(row instanceof Float64Array || Array.isArray(row)) || row.length !== n) {
      throw new InvalidArgumentError(`input.covariance[${i}]`, row, `must hold ${n} numbers (the matrix is square)`, 'pass an n x n covariance matrix');
    }
    for (let j = 0; j < n; j++) {
      const v = (row as ArrayLike<number>)[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidArgumentError(`input.covariance[${i}][${j}]`, v, 'must be a finite number', 'estimate the covariance on returns without gaps');
      }
      covariance[i * n + j] = v;
    }
  });
  for (let i = 0; i < n; i++) {
    if (!(covariance[i * n + i]! > 0)) {
      throw new InvalidArgumentError(`input.covariance[${i}][${i}]`, covariance[i * n + i], 'is a variance and must be positive', 'drop assets whose returns do not vary');
    }
    for (let j = 0; j < i; j++) {
      const a = covariance[i * n + j]!, b = covariance[j * n + i]!;
      if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b), covariance[i * n + i]!)) {
        throw new InvalidArgumentError(`input.covariance[${i}][${j}]`, a, `differs from input.covariance[${j}][${i}] = ${b} (the matrix must be symmetric)`, 'pass a covariance matrix, or (C + C^T) / 2');
      }
    }
  }
  return { covariance, n };
}

/** Checks equal-length Float64Array columns (at least 2 rows); `finite` also rejects NaN. */
function checkReturnColumns(returns: unknown, finite: boolean): number {
  if (!Array.isArray(returns) || returns.length === 0) {
    throw new InvalidArgumentError('returns', returns, 'must be a non-empty array of return columns', 'pass one Float64Array of per-period returns per asset');
  }
  const rows = (returns[0] as unknown) instanceof Float64Array ? (returns[0] as Float64Array).length : -1;
  returns.forEach((column: unknown, i) => {
    if (!(column instanceof Float64Array)) throw new InvalidArgumentError(`returns[${i}]`, column, 'must be a Float64Array', 'convert with Float64Array.from(values)');
    if (column.length !== rows) throw new InvalidArgumentError(`returns[${i}].length`, column.length, `differs from returns[0].length = ${rows}`, 'align the assets on the same bars');
    for (let t = 0; t < column.length; t++) {
      const v = column[t]!;
      if (v === Infinity || v === -Infinity || (finite && Number.isNaN(v))) {
        throw new InvalidArgumentError(`returns[${i}][${t}]`, v, 'is not a finite return', finite ? 'drop the bars with missing returns (or use rollingRiskParity, which skips such windows)' : 'check the prices for a zero');
      }
    }
  });
  if (rows < 2) throw new InvalidArgumentError('returns[0].length', rows, 'is below 2', 'pass at least two bars of returns (in practice many more than assets)');
  return returns.length;
}

/** Sample covariance (n - 1) of rows [start, end), two-pass; null when a value is NaN or an asset is constant. */
function windowCovariance(returns: readonly Float64Array[], start: number, end: number): Float64Array | null {
  const n = returns.length, m = end - start;
  const means = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const col = returns[i]!;
    for (let t = start; t < end; t++) s += col[t]!;
    if (Number.isNaN(s)) return null;
    means[i] = s / m;
  }
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = returns[i]!, ma = means[i]!;
    for (let j = 0; j <= i; j++) {
      const b = returns[j]!, mb = means[j]!;
      let s = 0;
      for (let t = start; t < end; t++) s += (a[t]! - ma) * (b[t]! - mb);
      cov[i * n + j] = cov[j * n + i] = s / (m - 1);
    }
    if (!(cov[i * n + i]! > 0)) return null;
  }
  return cov;
}

function solveRiskParity(covariance: Float64Array, n: number, s: Settings, warm: Float64Array | undefined): RiskParityResult {
  // Work on Sigma / mean variance: the weights do not change and Newton sees O(1) numbers.
  let scale = 0;
  for (let i = 0; i < n; i++) scale += covariance[i * n + i]!;
  scale /= n;
  const sigma = Float64Array.from(covariance, (v) => v / scale);
  let y = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(sigma[i * n + i]!));
  if (warm !== undefined && warm.every((v) => v > 0)) y = warm.slice();
  let iterations = 0;
  if (s.method === 'equalRiskContribution') {
    // Start on the budget's scale: y' Sigma y = sum(b) = 1 holds at the optimum.
    const start = Math.sqrt(quadratic(sigma, y, n));
    for (let i = 0; i < n; i++) y[i] = y[i]! / start;
    iterations = newton(sigma, n, s, y);
  }
  let total = 0;
  for (const v of y) total += v;
  const weights = Float64Array.from(y, (v) => v / total);
  const sw = multiply(covariance, weights, n);
  const variance = dot(weights, sw);
  return {
    weights,
    riskContributions: Float64Array.from(weights, (w, i) => (w * sw[i]!) / variance),
    volatility: Math.sqrt(variance),
    iterations,
  };
}

/** Damped Newton on f(y) = 0.5 y'Sy - sum b ln y; updates y in place; returns the iteration count. */
function newton(sigma: Float64Array, n: number, s: Settings, y: Float64Array): number {
  const b = s.budgets;
  const objective = (v: Float64Array): number => {
    let f = 0.5 * quadratic(sigma, v, n);
    for (let i = 0; i < n; i++) f -= b[i]! * Math.log(v[i]!);
    return f;
  };
  const residual = (v: Float64Array): number => {
    const sv = multiply(sigma, v, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(v[i]! * sv[i]! - b[i]!));
    return worst;
  };
  const hessian = new Float64Array(n * n), gradient = new Float64Array(n), trial = new Float64Array(n);
  let worst = residual(y);
  for (let iteration = 1; iteration <= s.maxIterations; iteration++) {
    if (worst <= s.tolerance) return iteration - 1;
    const sy = multiply(sigma, y, n);
    for (let i = 0; i < n; i++) {
      gradient[i] = sy[i]! - b[i]! / y[i]!;
      for (let j = 0; j < n; j++) hessian[i * n + j] = sigma[i * n + j]!;
      hessian[i * n + i] += b[i]! / (y[i]! * y[i]!);
    }
    const step = solveLinear(hessian, gradient);
    if (step === null) break;
    const decrement = dot(gradient, step);
    let accepted = false;
    if (decrement < NEAR_OPTIMUM) {
      // f can no longer resolve the progress (its change is ~decrement / 2), so take the full
      // Newton step and judge it by the risk-contribution error instead.
      for (let i = 0; i < n; i++) trial[i] = y[i]! - step[i]!;
      accepted = trial.every((v) => v > 0) && residual(trial) < worst;
    } else {
      // Backtrack until y stays positive and f decreases enough (Armijo).
      const f0 = objective(y);
      for (let t = 1; t > 1e-12 && !accepted; t /= 2) {
        for (let i = 0; i < n; i++) trial[i] = y[i]! - t * step[i]!;
        accepted = trial.every((v) => v > 0) && objective(trial) <= f0 - 1e-4 * t * decrement;
      }
    }
    if (!accepted) {
      // No step improves on y in floating point: the rounding limit, usually far below 1e-9.
      if (worst <= STALL_ACCEPT) return iteration - 1;
      break;
    }
    y.set(trial);
    worst = residual(y);
  }
  throw new InvalidArgumentError('covariance', `${n} x ${n} matrix`, `equal risk contributions did not converge (largest contribution error ${worst.toExponential(2)} after at most ${s.maxIterations} iterations)`, 'check that the covariance is positive definite (no asset is a combination of others, more bars than assets)');
}

function multiply(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

function quadratic(a: Float64Array, x: Float64Array, n: number): number {
  return dot(x, multiply(a, x, n));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
