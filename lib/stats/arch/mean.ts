// Mean models, all linear in their parameters as arch's HARX family: y[t] = X[t,:] . beta + e[t]
// with X = [1?, y[t-1..t-p], x[t,:]]. ZeroMean has no column, ConstantMean only the intercept.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { MeanModel, MeanSpec } from './types';

/** Lag order is capped: AR(p) beyond this is a modelling mistake for daily returns, not a need. */
export const MAX_AR_LAGS = 50;
export const DEFAULT_ARX_CONSTANT = true;

export interface ArxOptions {
  /** AR order p >= 0 (lags 1..p of y), as arch's ARX(lags=p). */
  readonly lags: number;
  /** Include an intercept (default DEFAULT_ARX_CONSTANT). */
  readonly constant?: boolean;
}

/** A mean choice before the data (and so the number of exogenous columns) is known. */
export type MeanChoice =
  | { readonly type: 'zero' }
  | { readonly type: 'constant' }
  | { readonly type: 'arx'; readonly lags: number; readonly constant: boolean };

export const zeroMean = (): MeanChoice => ({ type: 'zero' });
export const constantMean = (): MeanChoice => ({ type: 'constant' });

export function arx(options: ArxOptions): MeanChoice {
  rejectUnknownOptions('arx options', options, ['lags', 'constant']);
  const lags = options?.lags;
  if (!Number.isInteger(lags) || lags < 0 || lags > MAX_AR_LAGS) {
    throw new InvalidArgumentError('arx options.lags', lags, `must be an integer in [0, ${MAX_AR_LAGS}]`, 'pass e.g. { lags: 1 } for AR(1)');
  }
  const constant = options.constant ?? DEFAULT_ARX_CONSTANT;
  if (typeof constant !== 'boolean') throw new InvalidArgumentError('arx options.constant', constant, 'must be a boolean', 'pass true or false');
  return { type: 'arx', lags, constant };
}

/** Builds the mean model for `exogenous` regressor columns. */
export function createMeanModel(choice: MeanChoice | MeanSpec, exogenous: number): MeanModel {
  const lags = choice.type === 'arx' ? choice.lags : 0;
  const constant = choice.type === 'constant' || (choice.type === 'arx' && choice.constant);
  const kx = exogenous;
  if (kx > 0 && choice.type !== 'arx') {
    throw new InvalidArgumentError('x', `${kx} columns`, `exogenous regressors need the arx mean, not ${choice.type}`, 'use mean: arx({ lags: 0 }) to regress on x');
  }
  const spec: MeanSpec = choice.type === 'arx' ? { type: 'arx', lags, constant, exogenous: kx } : { type: choice.type };
  const paramNames = [
    ...(constant ? [choice.type === 'constant' ? 'mu' : 'Const'] : []),
    ...Array.from({ length: lags }, (_, i) => `y[${i + 1}]`),
    ...Array.from({ length: kx }, (_, i) => `x${i}`),
  ];
  const k = paramNames.length;
  const c0 = constant ? 1 : 0;
  const name = choice.type === 'zero' ? 'Zero Mean' : choice.type === 'constant' ? 'Constant Mean' : kx > 0 ? 'AR-X' : 'AR';
  return {
    spec, name, paramNames, holdBack: lags,
    design(y, x) {
      const n = y.length - lags;
      const X = new Float64Array(n * k);
      for (let t = 0; t < n; t++) {
        const row = t * k, s = t + lags;
        if (constant) X[row] = 1;
        for (let i = 0; i < lags; i++) X[row + c0 + i] = y[s - 1 - i];
        for (let j = 0; j < kx; j++) X[row + c0 + lags + j] = x![s * kx + j];
      }
      return X;
    },
    step(beta, ys, t, xRow) {
      let v = constant ? beta[0] : 0;
      for (let i = 0; i < lags; i++) v += beta[c0 + i] * ys[t - 1 - i];
      for (let j = 0; j < kx; j++) v += beta[c0 + lags + j] * xRow![j];
      return v;
    },
    arCoefficients: (beta) => beta.slice(c0, c0 + lags),
    intercept: (beta) => (constant ? beta[0] : 0),
  };
}

/** OLS beta = pinv(X) y through the normal equations (arch's mean starting values). */
export function olsCoefficients(X: Float64Array, y: Float64Array, k: number): Float64Array {
  const n = y.length;
  const xtx = new Float64Array(k * k), xty = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const row = t * k;
    for (let i = 0; i < k; i++) {
      xty[i] += X[row + i] * y[t];
      for (let j = 0; j < k; j++) xtx[i * k + j] += X[row + i] * X[row + j];
    }
  }
  // Cholesky solve; the design has full rank for any non-degenerate series.
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = xtx[i * k + j];
      for (let m = 0; m < j; m++) s -= L[i * k + m] * L[j * k + m];
      if (i === j) {
        if (!(s > 0)) throw new InvalidArgumentError('x', 'design matrix', 'is rank deficient (collinear regressors)', 'drop collinear exogenous columns');
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j];
    }
  }
  const z = new Float64Array(k), b = new Float64Array(k);
  for (let i = 0; i < k; i++) { let s = xty[i]; for (let m = 0; m < i; m++) s -= L[i * k + m] * z[m]; z[i] = s / L[i * k + i]; }
  for (let i = k - 1; i >= 0; i--) { let s = z[i]; for (let m = i + 1; m < k; m++) s -= L[m * k + i] * b[m]; b[i] = s / L[i * k + i]; }
  return b;
}

/** e = y - X beta into out. */
export function meanResiduals(X: Float64Array, y: Float64Array, beta: Float64Array, k: number, out: Float64Array): Float64Array {
  for (let t = 0; t < y.length; t++) {
    let v = y[t];
    const row = t * k;
    for (let i = 0; i < k; i++) v -= X[row + i] * beta[i];
    out[t] = v;
  }
  return out;
}
