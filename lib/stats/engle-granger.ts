// Augmented Engle-Granger two-step cointegration test, as statsmodels.tsa.stattools.coint (0.15):
// 1. OLS of y0 on [y1..., deterministic terms] (the cointegrating regression);
// 2. ADF (regression 'n', lag search as adfuller) on its residuals.
// The p-value is MacKinnon (1994) for the trend of step 1 with N = number of series, and the
// critical values MacKinnon (2010) at nobs - 1 (as statsmodels, to match Stata's egranger).
// When step 1 fits (almost) perfectly (R^2 >= 1 - 100 sqrt(eps)) the statistic is -Infinity and the
// p-value 0, as statsmodels, and `collinear` is true.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { adfKernel, type AutoLag } from './adf-kernel';
import { checkRegression, resolveAdfOptions } from './adf';
import { MACKINNON_MAX_N_PVALUE, mackinnonCriticalValues, mackinnonPValue, type UnitRootCriticalValues, type TrendRegression } from './mackinnon';
import { fitOls } from './ols';
import { checkSameLength, checkSeries } from './series-checks';

export const DEFAULT_ENGLE_GRANGER_TREND: TrendRegression = 'c';
/** statsmodels' collinearity threshold on R^2: 1 - 100 sqrt(machine epsilon). */
export const COLLINEAR_R_SQUARED = 1 - 100 * Math.sqrt(Number.EPSILON);

export interface EngleGrangerOptions {
  /** Deterministic terms of the cointegrating regression (default 'c'). */
  readonly trend?: TrendRegression;
  /** ADF lag search on the residuals (default 'aic'); null: exactly maxLag lags. */
  readonly autolag?: AutoLag | null;
  readonly maxLag?: number;
  /** A fixed number of ADF lags, no search. */
  readonly lags?: number;
}

export interface EngleGrangerResult {
  /** ADF t-statistic of the step-1 residuals (-Infinity when collinear). */
  readonly statistic: number;
  readonly pValue: number;
  /** MacKinnon (2010) critical values; NaN for trend 'n' (no table, as statsmodels). */
  readonly criticalValues: UnitRootCriticalValues;
  /** Step-1 coefficients: one per y1 series, then the deterministic terms (constant, trend, trend^2). */
  readonly coefficients: Float64Array;
  /** Coefficient of the first y1 series: units of y1 held against one unit of y0. */
  readonly hedgeRatio: number;
  readonly residuals: Float64Array;
  readonly rSquared: number;
  readonly collinear: boolean;
  /** ADF lags used on the residuals (-1 when collinear). */
  readonly usedLag: number;
  /** Number of series N in the MacKinnon tables. */
  readonly nSeries: number;
}

const OPTIONS = ['trend', 'autolag', 'maxLag', 'lags'] as const;

/** Tests the null of no cointegration between y0 and y1 (one series or several). */
export function engleGranger(y0: Float64Array, y1: Float64Array | readonly Float64Array[], options: EngleGrangerOptions = {}): EngleGrangerResult {
  rejectUnknownOptions('options', options, OPTIONS);
  const trend = options.trend ?? DEFAULT_ENGLE_GRANGER_TREND;
  checkRegression('options.trend', trend);
  checkSeries('y0', y0);
  const regressors = y1 instanceof Float64Array ? [y1] : y1;
  if (!Array.isArray(regressors) || regressors.length === 0 || regressors.length > MACKINNON_MAX_N_PVALUE - 1) {
    throw new InvalidArgumentError('y1', y1, `must be a Float64Array or an array of 1 to ${MACKINNON_MAX_N_PVALUE - 1} of them`, 'pass the second series of the pair');
  }
  regressors.forEach((r, i) => {
    const name = y1 instanceof Float64Array ? 'y1' : `y1[${i}]`;
    checkSeries(name, r);
    checkSameLength(name, r, y0.length, 'y0');
  });
  const nobs = y0.length;
  const adfOptions = { autolag: options.autolag, maxLag: options.maxLag, lags: options.lags };
  const resolved = resolveAdfOptions('options', y0, stripUndefined(adfOptions), 'n', 'y0');
  const columns = [...regressors, ...deterministicColumns(trend, nobs)];
  const step1 = fitOls(y0, columns);
  if (!step1) {
    throw new InvalidArgumentError('y1', y1, 'is collinear with the deterministic terms (for example a constant series)', 'pass series that vary independently of a constant or trend');
  }
  const nSeries = regressors.length + 1;
  const criticalValues = trend === 'n'
    ? { '1%': NaN, '5%': NaN, '10%': NaN }
    : mackinnonCriticalValues(nSeries, trend, nobs - 1);
  const base = { criticalValues, coefficients: step1.coefficients, hedgeRatio: step1.coefficients[0], residuals: step1.residuals, rSquared: step1.rSquared, nSeries };
  if (!(step1.rSquared < COLLINEAR_R_SQUARED)) {
    return { ...base, statistic: -Infinity, pValue: 0, collinear: true, usedLag: -1 };
  }
  const out = adfKernel(step1.residuals, 'n', resolved.maxLag, resolved.autolag);
  if (!out) {
    throw new InvalidArgumentError('y0', y0, 'gives a singular ADF regression on the cointegrating residuals', 'use fewer lags or check the series for duplicated stretches');
  }
  return { ...base, statistic: out.statistic, pValue: mackinnonPValue(out.statistic, trend, nSeries), collinear: false, usedLag: out.usedLag };
}

/** Columns statsmodels add_trend(..., prepend=False) appends: 1, t, t^2 with t = 1..n. */
export function deterministicColumns(trend: TrendRegression, n: number): Float64Array[] {
  const cols: Float64Array[] = [];
  if (trend === 'n') return cols;
  cols.push(new Float64Array(n).fill(1));
  if (trend === 'ct' || trend === 'ctt') cols.push(Float64Array.from({ length: n }, (_, i) => i + 1));
  if (trend === 'ctt') cols.push(Float64Array.from({ length: n }, (_, i) => (i + 1) ** 2));
  return cols;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
