// Logistic regression baseline: minimises sum_i logloss_i + (l2 / 2) |w|^2 with an unpenalised
// intercept, the optimum of sklearn LogisticRegression(C = 1 / l2, solver='lbfgs'), which scales
// the same objective by 1/n. Newton's method (IRLS) on the exact Hessian converges to machine
// precision in a few steps for the handful of features a baseline uses.
import { checkColumns } from '../dataset/check';
import { solveLinear } from '../stats/optimize';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkBinaryLabels, countPositives, type Numbers } from './check';

export const DEFAULT_L2 = 1;
export const DEFAULT_LOGISTIC_MAX_ITERATIONS = 100;
export const LOGISTIC_FORMAT = 'quantlab.logistic-regression';

export interface LogisticRegressionOptions {
  /** Ridge penalty on the coefficients (1 / sklearn's C); 0 for none (diverges on separable data). */
  readonly l2?: number;
  readonly maxIterations?: number;
}

export interface LogisticRegressionJSON {
  readonly format: typeof LOGISTIC_FORMAT;
  readonly intercept: number;
  readonly coefficients: number[];
}

export class LogisticRegression {
  readonly coefficients: Float64Array;

  constructor(readonly intercept: number, coefficients: Numbers, readonly iterations = 0, readonly converged = true) {
    this.coefficients = Float64Array.from(coefficients);
    if (![intercept, ...this.coefficients].every(Number.isFinite)) {
      throw new InvalidArgumentError('coefficients', coefficients, 'must be finite numbers', 'fit the model with fitLogisticRegression(columns, y)');
    }
  }

  /** P(y = 1) per row of the feature columns (same order as in fitting). */
  predictProba(columns: readonly Float64Array[]): Float64Array {
    const rows = checkColumns(columns);
    if (columns.length !== this.coefficients.length) {
      throw new InvalidArgumentError('columns.length', columns.length, `must equal the ${this.coefficients.length} features the model was fitted on`, 'pass the same feature columns, in the same order');
    }
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = sigmoid(linear(this.intercept, this.coefficients, columns, i));
    return out;
  }

  toJSON(): LogisticRegressionJSON {
    return { format: LOGISTIC_FORMAT, intercept: this.intercept, coefficients: Array.from(this.coefficients) };
  }

  static fromJSON(json: LogisticRegressionJSON): LogisticRegression {
    if (json == null || json.format !== LOGISTIC_FORMAT) {
      throw new InvalidArgumentError('json.format', (json as { format?: unknown } | null)?.format, `must be '${LOGISTIC_FORMAT}'`, 'pass the output of model.toJSON()');
    }
    return new LogisticRegression(json.intercept, json.coefficients);
  }
}

/** Fits on feature columns (one Float64Array per feature, standardised for a sensible penalty) and 0/1 y. */
export function fitLogisticRegression(columns: readonly Float64Array[], y: Numbers, options: LogisticRegressionOptions = {}): LogisticRegression {
  rejectUnknownOptions('options', options, ['l2', 'maxIterations']);
  const rows = checkColumns(columns);
  checkBinaryLabels('y', y);
  if (y.length !== rows) throw new InvalidArgumentError('y.length', y.length, `must equal the ${rows} rows of columns`, 'pass one label per row');
  columns.forEach((c, f) => c.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`columns[${f}][${i}]`, v, 'is not finite', 'drop rows with missing features before fitting');
  }));
  const positives = countPositives(y);
  if (positives === 0 || positives === rows) {
    throw new InvalidArgumentError('y', y, `holds only one class (${positives} positives of ${rows})`, 'fit on rows that hold both classes');
  }
  const l2 = options.l2 ?? DEFAULT_L2, maxIterations = options.maxIterations ?? DEFAULT_LOGISTIC_MAX_ITERATIONS;
  if (typeof l2 !== 'number' || !(l2 >= 0 && l2 < Infinity)) throw new InvalidArgumentError('options.l2', l2, 'must be a finite number >= 0', 'pass e.g. 1 (sklearn C = 1)');
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidArgumentError('options.maxIterations', maxIterations, 'must be an integer >= 1', 'pass e.g. 100');
  return newton(columns, y, l2, maxIterations);
}

function newton(columns: readonly Float64Array[], y: Numbers, l2: number, maxIterations: number): LogisticRegression {
  const rows = y.length, k = columns.length + 1; // parameter 0 is the intercept
  const beta = new Float64Array(k);
  const objective = (b: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < rows; i++) { const z = linear(b[0]!, b.subarray(1), columns, i); sum += softplus(z) - y[i]! * z; }
    for (let j = 1; j < k; j++) sum += 0.5 * l2 * b[j]! * b[j]!;
    return sum;
  };
  let value = objective(beta);
  const x = new Float64Array(k);
  for (let iter = 1; iter <= maxIterations; iter++) {
    const g = new Float64Array(k), H = new Float64Array(k * k);
    for (let i = 0; i < rows; i++) {
      x[0] = 1;
      for (let j = 1; j < k; j++) x[j] = columns[j - 1]![i]!;
      const p = sigmoid(linear(beta[0]!, beta.subarray(1), columns, i)), w = p * (1 - p);
      for (let a = 0; a < k; a++) {
        g[a] += (p - y[i]!) * x[a]!;
        for (let b = 0; b <= a; b++) H[a * k + b] += w * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[b * k + a] = H[a * k + b]!;
    for (let j = 1; j < k; j++) { g[j] += l2 * beta[j]!; H[j * k + j] += l2; }
    const step = solveLinear(H, g);
    if (step === null) return new LogisticRegression(beta[0]!, beta.subarray(1), iter, false);
    // Near the optimum the objective changes by less than its rounding: take the full step and stop.
    const size = step.reduce((m, s, j) => Math.max(m, Math.abs(s) / Math.max(1, Math.abs(beta[j]!))), 0);
    if (size < 1e-8) { // Newton converges quadratically: what is left after this step is ~1e-16
      for (let j = 0; j < k; j++) beta[j] -= step[j]!;
      return new LogisticRegression(beta[0]!, beta.subarray(1), iter, true);
    }
    let t = 1, trial = beta.map((b, j) => b - step[j]!), next = objective(trial);
    while (!(next <= value) && t > 1e-10) { t /= 2; trial = beta.map((b, j) => b - t * step[j]!); next = objective(trial); }
    if (!(next <= value)) {
      // No decrease even on a tiny step: converged if the gradient is at the objective's rounding level.
      const gradient = g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      return new LogisticRegression(beta[0]!, beta.subarray(1), iter, gradient < 1e-8 * rows);
    }
    beta.set(trial); value = next;
  }
  return new LogisticRegression(beta[0]!, beta.subarray(1), maxIterations, false);
}

function linear(intercept: number, coefficients: Float64Array, columns: readonly Float64Array[], i: number): number {
  let z = intercept;
  for (let j = 0; j < coefficients.length; j++) z += coefficients[j]! * columns[j]![i]!;
  return z;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
