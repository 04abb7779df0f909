// Ordinary least squares with the summary statistics the tests need, computed as statsmodels
// OLS(y, X).fit() does (nonrobust covariance; R^2 centred when X holds a constant column, uncentred
// otherwise; log-likelihood, AIC and BIC with k = number of columns).
import { InvalidArgumentError } from '../util/errors';
import { qrLeastSquares } from './linalg';

export interface OlsResult {
  readonly coefficients: Float64Array;
  readonly standardErrors: Float64Array;
  readonly tValues: Float64Array;
  readonly residuals: Float64Array;
  /** Sum of squared residuals. */
  readonly ssr: number;
  /** ssr / dfResid. */
  readonly sigma2: number;
  /** Centred when a column is constant (statsmodels' k_constant), uncentred otherwise. */
  readonly rSquared: number;
  readonly hasConstant: boolean;
  readonly nobs: number;
  readonly dfResid: number;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
}

/** OLS of y on the given regressor columns (add a column of ones for an intercept). */
export function ols(y: Float64Array, columns: readonly Float64Array[]): OlsResult {
  checkFinite('y', y);
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidArgumentError('columns', columns, 'must be a non-empty array of Float64Array regressors', 'pass [ones, x] for a regression with intercept');
  }
  columns.forEach((c, j) => {
    checkFinite(`columns[${j}]`, c);
    if (c.length !== y.length) {
      throw new InvalidArgumentError(`columns[${j}]`, c, `has length ${c.length} but y has ${y.length}`, 'align the regressors with y');
    }
  });
  if (y.length <= columns.length) {
    throw new InvalidArgumentError('y', y, `has ${y.length} observations for ${columns.length} regressors`, `pass at least ${columns.length + 1} observations`);
  }
  const fit = fitOls(y, columns);
  if (!fit) {
    throw new InvalidArgumentError('columns', columns, 'are linearly dependent (the design matrix is rank deficient)', 'drop the regressors that duplicate others (for example a second constant)');
  }
  return fit;
}

/** Unvalidated OLS kernel; null when the design is rank deficient. */
export function fitOls(y: Float64Array, columns: readonly Float64Array[]): OlsResult | null {
  const n = y.length, p = columns.length;
  const ls = qrLeastSquares(columns, y);
  if (!ls) return null;
  const b = ls.coefficients;
  const residuals = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += columns[j][i] * b[j];
    const e = y[i] - f;
    residuals[i] = e;
    ssr += e * e;
  }
  const dfResid = n - p;
  const sigma2 = ssr / dfResid;
  const standardErrors = new Float64Array(p), tValues = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    standardErrors[j] = Math.sqrt(sigma2 * ls.inverseGramDiagonal[j]);
    tValues[j] = b[j] / standardErrors[j];
  }
  const hasConstant = columns.some(isConstantColumn);
  let tss = 0;
  if (hasConstant) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i];
    mean /= n;
    for (let i = 0; i < n; i++) tss += (y[i] - mean) ** 2;
  } else {
    for (let i = 0; i < n; i++) tss += y[i] * y[i];
  }
  const logLikelihood = olsLogLikelihood(ssr, n);
  return {
    coefficients: b, standardErrors, tValues, residuals, ssr, sigma2, rSquared: 1 - ssr / tss, hasConstant,
    nobs: n, dfResid, logLikelihood, aic: -2 * logLikelihood + 2 * p, bic: -2 * logLikelihood + Math.log(n) * p,
  };
}

/** Gaussian log-likelihood at the OLS optimum, as statsmodels RegressionResults.llf. */
export function olsLogLikelihood(ssr: number, nobs: number): number {
  const half = nobs / 2;
  return -half * Math.log(2 * Math.PI) - half * Math.log(ssr / nobs) - half;
}

function isConstantColumn(c: Float64Array): boolean {
  const v = c[0];
  if (v === 0) return false;
  for (let i = 1; i < c.length; i++) if (c[i] !== v) return false;
  return true;
}

function checkFinite(argument: string, values: unknown): asserts values is Float64Array {
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, values, 'must be a Float64Array', 'wrap the data: Float64Array.from(values)');
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidArgumentError(argument, values, `holds ${values[i]} at index ${i}`, 'drop or fill missing and infinite values first');
    }
  }
}
