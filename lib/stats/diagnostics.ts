// Residual diagnostics, as statsmodels 0.15:
// - ljungBox: acorr_ljungbox(x, lags, boxpierce=True, model_df) (Ljung-Box and Box-Pierce Q);
// - jarqueBera: statsmodels.stats.stattools.jarque_bera (biased skewness and kurtosis, as scipy);
// - archLm: het_arch(resid, nlags, ddof) (Engle's LM test: OLS of e_t^2 on a constant and p lags).
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { fitOls } from './ols';
import { checkSeries } from './series-checks';
import { chiSquareSf, fSf } from './special';

export interface LjungBoxOptions {
  /** Lags to report: a count L (lags 1..L) or a list (default 1..min(n // 5, 10)). */
  readonly lags?: number | readonly number[];
  /** Degrees of freedom used by a fitted model (ARMA p + q), subtracted from each lag's df. */
  readonly modelDf?: number;
}

export interface LjungBoxRow {
  readonly lag: number;
  readonly lbStat: number;
  /** NaN when lag <= modelDf (no degrees of freedom left), as statsmodels. */
  readonly lbPValue: number;
  readonly bpStat: number;
  readonly bpPValue: number;
}

/** Ljung-Box and Box-Pierce portmanteau statistics at each requested lag. */
export function ljungBox(x: Float64Array, options: LjungBoxOptions = {}): LjungBoxRow[] {
  rejectUnknownOptions('options', options, ['lags', 'modelDf']);
  checkSeries('x', x);
  const n = x.length;
  const modelDf = options.modelDf ?? 0;
  if (!Number.isInteger(modelDf) || modelDf < 0) {
    throw new InvalidArgumentError('options.modelDf', modelDf, 'must be a non-negative integer', 'pass p + q of the fitted ARMA model, or 0');
  }
  let lags: number[];
  const requested = options.lags;
  if (requested === undefined) {
    const l = Math.min(Math.floor(n / 5), 10);
    if (l < 1) throw new InvalidArgumentError('x', x, `has ${n} observations; the default lags 1..min(n/5, 10) need at least 5`, 'pass at least 5 observations or set lags');
    lags = Array.from({ length: l }, (_, i) => i + 1);
  } else if (typeof requested === 'number') {
    lags = Array.from({ length: Number.isInteger(requested) && requested > 0 ? requested : 0 }, (_, i) => i + 1);
    if (lags.length === 0) throw new InvalidArgumentError('options.lags', requested, 'must be a positive integer or a list of them', 'pass for example 10');
  } else {
    lags = [...requested];
    if (lags.length === 0 || lags.some((l) => !Number.isInteger(l) || l < 1)) {
      throw new InvalidArgumentError('options.lags', requested, 'must be a non-empty list of positive integers', 'pass for example [5, 10, 20]');
    }
  }
  const maxLag = Math.max(...lags);
  if (maxLag >= n) {
    throw new InvalidArgumentError('options.lags', requested, `reaches lag ${maxLag}, but x has only ${n} observations`, `use lags below ${n}`);
  }
  const acf = autocorrelations(x, maxLag);
  const lb = new Float64Array(maxLag + 1), bp = new Float64Array(maxLag + 1);
  for (let k = 1; k <= maxLag; k++) {
    lb[k] = lb[k - 1] + (acf[k] * acf[k]) / (n - k);
    bp[k] = bp[k - 1] + acf[k] * acf[k];
  }
  return lags.map((lag) => {
    const df = lag - modelDf;
    const lbStat = n * (n + 2) * lb[lag], bpStat = n * bp[lag];
    return { lag, lbStat, lbPValue: df > 0 ? chiSquareSf(lbStat, df) : NaN, bpStat, bpPValue: df > 0 ? chiSquareSf(bpStat, df) : NaN };
  });
}

/** Sample autocorrelations 0..maxLag (demeaned, divided by n: statsmodels acf(adjusted=False)). */
export function autocorrelations(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = x[i] - mean;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += c[t] * c[t - k];
    out[k] = s;
  }
  const c0 = out[0];
  for (let k = 0; k <= maxLag; k++) out[k] /= c0;
  return out;
}

export interface JarqueBeraResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly skew: number;
  /** Kurtosis (not excess): 3 for a normal sample. */
  readonly kurtosis: number;
}

/** Jarque-Bera normality test. */
export function jarqueBera(x: Float64Array): JarqueBeraResult {
  checkSeries('x', x);
  const n = x.length;
  if (n < 2) throw new InvalidArgumentError('x', x, `has ${n} observation`, 'pass at least 2 observations');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean, d2 = d * d;
    m2 += d2; m3 += d2 * d; m4 += d2 * d2;
  }
  m2 /= n; m3 /= n; m4 /= n;
  const skew = m3 / Math.pow(m2, 1.5);
  const kurtosis = m4 / (m2 * m2);
  const statistic = (n / 6) * (skew * skew + 0.25 * (kurtosis - 3) ** 2);
  return { statistic, pValue: chiSquareSf(statistic, 2), skew, kurtosis };
}

export interface ArchLmOptions {
  /** Lags of the squared residuals (default min(10, n // 5)). */
  readonly nlags?: number;
  /** Subtracted from nobs in the LM statistic (model degrees of freedom), default 0. */
  readonly ddof?: number;
}

export interface ArchLmResult {
  /** (nobs - ddof) R^2, chi-square with nlags df under the null of no ARCH effects. */
  readonly statistic: number;
  readonly pValue: number;
  readonly fStatistic: number;
  readonly fPValue: number;
  readonly nlags: number;
  /** Observations in the auxiliary regression (n - nlags). */
  readonly nobs: number;
}

/** Engle's ARCH-LM test on residuals (squared inside, as het_arch). */
export function archLm(resid: Float64Array, options: ArchLmOptions = {}): ArchLmResult {
  rejectUnknownOptions('options', options, ['nlags', 'ddof']);
  checkSeries('resid', resid);
  const n = resid.length;
  const nlags = options.nlags ?? Math.min(10, Math.floor(n / 5));
  const ddof = options.ddof ?? 0;
  if (!Number.isInteger(nlags) || nlags < 1) {
    throw new InvalidArgumentError('options.nlags', nlags, 'must be a positive integer', n < 5 ? 'pass at least 5 observations (default nlags = min(10, n / 5))' : 'pass for example 5');
  }
  if (!Number.isInteger(ddof) || ddof < 0) {
    throw new InvalidArgumentError('options.ddof', ddof, 'must be a non-negative integer', 'pass 0, or the number of mean-model parameters');
  }
  const minimum = 2 * nlags + 2;
  if (n < minimum) {
    throw new InvalidArgumentError('resid', resid, `has ${n} observations; ARCH-LM with ${nlags} lags needs at least ${minimum}`, `pass at least ${minimum} observations or fewer lags`);
  }
  const m = n - nlags;
  const y = new Float64Array(m);
  const columns = [new Float64Array(m).fill(1)];
  for (let j = 1; j <= nlags; j++) columns.push(new Float64Array(m));
  for (let t = 0; t < m; t++) {
    y[t] = resid[t + nlags] ** 2;
    for (let j = 1; j <= nlags; j++) columns[j][t] = resid[t + nlags - j] ** 2;
  }
  const fit = fitOls(y, columns);
  if (!fit) throw new InvalidArgumentError('resid', resid, 'has squared values that are collinear across lags', 'check the residuals are not constant in magnitude');
  const statistic = (m - ddof) * fit.rSquared;
  const dfResid = m - nlags - 1;
  const fStatistic = (fit.rSquared / nlags) / ((1 - fit.rSquared) / dfResid);
  return { statistic, pValue: chiSquareSf(statistic, nlags), fStatistic, fPValue: fSf(fStatistic, nlags, dfResid), nlags, nobs: m };
}
