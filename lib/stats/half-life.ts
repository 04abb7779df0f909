// Half-life of mean reversion from the discrete Ornstein-Uhlenbeck / AR(1) regression
//   spread_t - spread_{t-1} = c + lambda spread_{t-1} + e_t,   half-life = -ln 2 / lambda,
// with the regression statistics statsmodels OLS(diff, add_constant(lagged)) reports.
import { rejectUnknownOptions } from '../util/options';
import { simpleRegression } from './hedge';
import { checkBoolean, checkSeries } from './pairs-validate';

export const DEFAULT_HALF_LIFE_INTERCEPT = true;

export interface HalfLifeOptions {
  /** Include the constant c (default true). */
  readonly intercept?: boolean;
}

/**
 * 'mean-reverting': -2 < lambda < 0 (AR coefficient 1 + lambda inside (-1, 1)); half-life finite.
 * 'not-mean-reverting': lambda >= 0 (unit root or explosive); half-life Infinity.
 * 'overshooting': lambda <= -2 (AR coefficient <= -1, explosive oscillation); half-life NaN.
 */
export type MeanReversionStatus = 'mean-reverting' | 'not-mean-reverting' | 'overshooting';

export interface HalfLife {
  /** -ln 2 / lambda in bars; Infinity when not mean reverting, NaN when overshooting. */
  readonly halfLife: number;
  readonly meanReverting: boolean;
  readonly status: MeanReversionStatus;
  /** Slope on the lagged spread. */
  readonly lambda: number;
  readonly lambdaStdErr: number;
  readonly lambdaTStat: number;
  /** The constant c (0 without intercept). */
  readonly intercept: number;
  readonly interceptStdErr: number;
  readonly rSquared: number;
  readonly residualVariance: number;
  /** Regression rows: spread length - 1. */
  readonly nobs: number;
}

/** Minimum spread length: one lag plus one more row than parameters. */
export function halfLifeMinObservations(intercept: boolean): number {
  return intercept ? 4 : 3;
}

export function halfLife(spread: Float64Array, options: HalfLifeOptions = {}): HalfLife {
  rejectUnknownOptions('options', options, ['intercept']);
  const intercept = options.intercept ?? DEFAULT_HALF_LIFE_INTERCEPT;
  checkBoolean('options.intercept', intercept);
  checkSeries('spread', spread, halfLifeMinObservations(intercept), 'one lag plus a regression with a residual degree of freedom');
  const n = spread.length - 1;
  const lagged = spread.subarray(0, n), diff = new Float64Array(n);
  for (let t = 0; t < n; t++) diff[t] = spread[t + 1] - spread[t];
  const r = simpleRegression(lagged, diff, intercept, new Float64Array(n));
  const lambda = r.slope;
  const status: MeanReversionStatus = lambda >= 0 ? 'not-mean-reverting' : lambda <= -2 ? 'overshooting' : 'mean-reverting';
  return {
    halfLife: status === 'mean-reverting' ? -Math.LN2 / lambda : status === 'not-mean-reverting' ? Infinity : NaN,
    meanReverting: status === 'mean-reverting', status,
    lambda, lambdaStdErr: r.slopeStdErr, lambdaTStat: lambda / r.slopeStdErr,
    intercept: r.intercept, interceptStdErr: r.interceptStdErr,
    rSquared: r.rSquared, residualVariance: r.residualVariance, nobs: n,
  };
}
