// KPSS test of the null of (level or trend) stationarity, as statsmodels.tsa.stattools.kpss (0.15).
// Kwiatkowski, Phillips, Schmidt and Shin (1992), eq. 10-11; Bartlett-kernel long-run variance.
// nlags: 'auto' = Hobijn, Franses and Ooms (1998) data-dependent bandwidth (statsmodels'
// _kpss_autolag), 'legacy' = ceil(12 (n/100)^(1/4)), or a number < n.
// p-value: linear interpolation in the KPSS (1992) Table 1 critical values, clipped to the table's
// range [0.01, 0.10] as statsmodels does. Where statsmodels warns (InterpolationWarning), the result
// says so in `pValueBound` and `warnings`: 'smaller' means the true p-value is below 0.01,
// 'greater' that it is above 0.10.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkRegression } from './adf';
import { deterministicColumns } from './engle-granger';
import { fitOls } from './ols';
import { checkSeries } from './series-checks';

export type KpssRegression = 'c' | 'ct';
export type KpssLags = 'auto' | 'legacy' | number;

export const DEFAULT_KPSS_REGRESSION: KpssRegression = 'c';
export const DEFAULT_KPSS_NLAGS: KpssLags = 'auto';
/** Fewest observations accepted (the trend regression needs residual degrees of freedom). */
export const KPSS_MIN_OBSERVATIONS = 3;

export interface KpssOptions {
  readonly regression?: KpssRegression;
  readonly nlags?: KpssLags;
}

export interface KpssCriticalValues {
  readonly '10%': number;
  readonly '5%': number;
  readonly '2.5%': number;
  readonly '1%': number;
}

export interface KpssResult {
  readonly statistic: number;
  /** Interpolated p-value, within [0.01, 0.10]. */
  readonly pValue: number;
  /** Set when the statistic lies outside the table: the true p-value is 'smaller' or 'greater'. */
  readonly pValueBound: 'smaller' | 'greater' | null;
  readonly lags: number;
  readonly criticalValues: KpssCriticalValues;
  readonly warnings: readonly string[];
}

// KPSS (1992) Table 1.
const CRITICAL: Record<KpssRegression, readonly number[]> = {
  c: [0.347, 0.463, 0.574, 0.739],
  ct: [0.119, 0.146, 0.176, 0.216],
};
const PVALUES = [0.1, 0.05, 0.025, 0.01];

export function kpss(x: Float64Array, options: KpssOptions = {}): KpssResult {
  rejectUnknownOptions('options', options, ['regression', 'nlags']);
  const regression = options.regression ?? DEFAULT_KPSS_REGRESSION;
  checkRegression('options.regression', regression, ['c', 'ct']);
  checkSeries('x', x);
  const n = x.length;
  if (n < KPSS_MIN_OBSERVATIONS) {
    throw new InvalidArgumentError('x', x, `has ${n} observations, fewer than the minimum of ${KPSS_MIN_OBSERVATIONS}`, `pass at least ${KPSS_MIN_OBSERVATIONS} observations`);
  }
  const resids = kpssResiduals(x, regression);
  const nlags = options.nlags ?? DEFAULT_KPSS_NLAGS;
  let lags: number;
  if (nlags === 'legacy') lags = Math.min(Math.ceil(12 * Math.pow(n / 100, 1 / 4)), n - 1);
  else if (nlags === 'auto') lags = Math.min(kpssAutoLag(resids), n - 1);
  else if (Number.isInteger(nlags) && nlags >= 0 && nlags < n) lags = nlags;
  else {
    throw new InvalidArgumentError('options.nlags', nlags, `must be 'auto', 'legacy' or an integer from 0 to ${n - 1} (below the number of observations)`, "use 'auto' (Hobijn et al. 1998)");
  }
  let cum = 0, eta = 0;
  for (let i = 0; i < n; i++) { cum += resids[i]; eta += cum * cum; }
  eta /= n * n;
  const statistic = eta / longRunVariance(resids, lags);
  const crit = CRITICAL[regression];
  const pValue = interpolate(statistic, crit, PVALUES);
  const pValueBound = pValue === PVALUES[3] ? 'smaller' : pValue === PVALUES[0] ? 'greater' : null;
  const warnings = pValueBound === null ? [] : [
    `The test statistic is outside of the range of p-values available in the look-up table. The actual p-value is ${pValueBound} than the p-value returned.`,
  ];
  return {
    statistic, pValue, pValueBound, lags, warnings,
    criticalValues: { '10%': crit[0], '5%': crit[1], '2.5%': crit[2], '1%': crit[3] },
  };
}

function kpssResiduals(x: Float64Array, regression: KpssRegression): Float64Array {
  if (regression === 'ct') {
    const fit = fitOls(x, deterministicColumns('ct', x.length));
    if (!fit) throw new InvalidArgumentError('x', x, 'gives a singular trend regression', 'pass at least 3 observations');
    return fit.residuals;
  }
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  return x.map((v) => v - mean);
}

function autocovarianceSum(e: Float64Array, lag: number): number {
  let s = 0;
  for (let t = lag; t < e.length; t++) s += e[t] * e[t - lag];
  return s;
}

/** Newey-West (Bartlett) long-run variance, KPSS eq. 10. */
function longRunVariance(e: Float64Array, lags: number): number {
  let s = autocovarianceSum(e, 0);
  for (let i = 1; i <= lags; i++) s += 2 * autocovarianceSum(e, i) * (1 - i / (lags + 1));
  return s / e.length;
}

/** Hobijn, Franses and Ooms (1998) bandwidth, as statsmodels _kpss_autolag. */
export function kpssAutoLag(e: Float64Array): number {
  const n = e.length;
  const covlags = Math.trunc(Math.pow(n, 2 / 9));
  let s0 = autocovarianceSum(e, 0) / n, s1 = 0;
  for (let i = 1; i <= covlags; i++) {
    const prod = autocovarianceSum(e, i) / (n / 2);
    s0 += prod;
    s1 += i * prod;
  }
  const sHat = s1 / s0;
  const gammaHat = 1.1447 * Math.pow(sHat * sHat, 1 / 3);
  return Math.trunc(gammaHat * Math.pow(n, 1 / 3));
}

/** numpy.interp for increasing xp: clipped to fp's end values outside [xp0, xpLast]. */
function interpolate(x: number, xp: readonly number[], fp: readonly number[]): number {
  if (x <= xp[0]) return fp[0];
  if (x >= xp[xp.length - 1]) return fp[fp.length - 1];
  let i = 1;
  while (x > xp[i]) i++;
  const w = (x - xp[i - 1]) / (xp[i] - xp[i - 1]);
  return fp[i - 1] + w * (fp[i] - fp[i - 1]);
}
