// Johansen's cointegration test (trace and maximum-eigenvalue statistics) and rank selection,
// matching statsmodels 0.15 `coint_johansen(endog, det_order, k_ar_diff)` and
// `select_coint_rank(endog, det_order, k_ar_diff, method, signif)` step for step:
//  1. levels detrended by OLS on vander(linspace(-1, 1, n), det_order + 1) (det_order -1: untouched);
//  2. dY_t and the levels Y regressed on the k_ar_diff lagged differences (all demeaned when
//     det_order >= 0), giving residuals R0 and Rk; S_ij = R_i^T R_j / T;
//  3. eigenvalues of S_k0 S_00^-1 S_0k v = lambda S_kk v, largest first.
// As in statsmodels, the level regressor is Y[1 + j] for the j-th retained difference, which is
// Y_{t-1} up to the lagged differences (identical residuals) for k_ar_diff >= 1; with k_ar_diff = 0
// it is Y_t, statsmodels' convention, kept so the numbers agree.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { cholesky, generalizedSymmetricEigen, solveLowerInPlace } from './eigen';
import * as tables from './johansen-tables';
import { checkSeries } from './pairs-validate';
import { regressionResiduals } from './qr';

/** -1: no deterministic terms, 0: constant, 1: linear trend (statsmodels' det_order). */
export type JohansenDetOrder = -1 | 0 | 1;
export const DEFAULT_JOHANSEN_DET_ORDER: JohansenDetOrder = 0;
export const DEFAULT_JOHANSEN_K_AR_DIFF = 1;
/** Critical values exist for up to 12 series (the tables' range). */
export const JOHANSEN_MAX_SERIES = 12;

export interface JohansenOptions {
  /** Deterministic terms; default DEFAULT_JOHANSEN_DET_ORDER (0, constant). */
  readonly detOrder?: JohansenDetOrder;
  /** Lagged differences in the VECM (statsmodels' k_ar_diff); default DEFAULT_JOHANSEN_K_AR_DIFF (1). */
  readonly kArDiff?: number;
}

/** Critical values at the 90%, 95% and 99% levels. */
export type JohansenCriticalValueRow = [number, number, number];

/** Plain JSON: the test result as statsmodels' JohansenTestResult holds it. */
export interface JohansenResult {
  readonly detOrder: JohansenDetOrder;
  readonly kArDiff: number;
  /** Number of series. */
  readonly neqs: number;
  /** Observations in the auxiliary regressions: n - 1 - kArDiff. */
  readonly nobs: number;
  /** Eigenvalues, largest first (statsmodels `eig`). */
  readonly eigenvalues: number[];
  /**
   * statsmodels' `evec` layout: eigenvectors[i][j] is element i of the cointegrating vector for
   * eigenvalues[j]. Each vector v satisfies v^T S_kk v = 1 and its first non-zero element is
   * positive (statsmodels flips all columns together on evec[0][0], so columns after the first can
   * differ from it in sign only).
   */
  readonly eigenvectors: number[][];
  /** traceStat[r]: H0 rank <= r against rank = neqs (statsmodels `lr1`). */
  readonly traceStat: number[];
  /** maxEigStat[r]: H0 rank = r against rank = r + 1 (statsmodels `lr2`). */
  readonly maxEigStat: number[];
  /** Row r: 90/95/99% critical values of traceStat[r] (statsmodels `cvt`). */
  readonly traceCriticalValues: JohansenCriticalValueRow[];
  /** Row r: 90/95/99% critical values of maxEigStat[r] (statsmodels `cvm`). */
  readonly maxEigCriticalValues: JohansenCriticalValueRow[];
}

/** Smallest series length the test accepts for `neqs` series and `kArDiff` lagged differences. */
export function johansenMinObservations(neqs: number, kArDiff: number): number {
  return neqs * (kArDiff + 1) + kArDiff + 4;
}

/** 90/95/99% critical values for `trends` = n - r common trends (1..12), as statsmodels c_sjt / c_sja. */
export function johansenCriticalValues(statistic: 'trace' | 'maxeig', trends: number, detOrder: JohansenDetOrder): JohansenCriticalValueRow {
  if (!Number.isInteger(trends) || trends < 1 || trends > JOHANSEN_MAX_SERIES) {
    throw new InvalidArgumentError('trends', trends, `must be an integer from 1 to ${JOHANSEN_MAX_SERIES}`, 'pass n - r, the number of common trends');
  }
  checkDetOrder('detOrder', detOrder);
  const table = statistic === 'trace'
    ? [tables.TRACE_NO_DETERMINISTIC, tables.TRACE_CONSTANT, tables.TRACE_TREND][detOrder + 1]
    : [tables.MAX_EIG_NO_DETERMINISTIC, tables.MAX_EIG_CONSTANT, tables.MAX_EIG_TREND][detOrder + 1];
  const row = table[trends - 1];
  return [row[0], row[1], row[2]];
}

/** Johansen test on `series` (one Float64Array per variable, equal lengths, 2..12 series). */
export function johansenTest(series: readonly Float64Array[], options: JohansenOptions = {}): JohansenResult {
  rejectUnknownOptions('options', options, ['detOrder', 'kArDiff']);
  const detOrder = options.detOrder ?? DEFAULT_JOHANSEN_DET_ORDER;
  const k = options.kArDiff ?? DEFAULT_JOHANSEN_K_AR_DIFF;
  checkDetOrder('options.detOrder', detOrder);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) {
    throw new InvalidArgumentError('options.kArDiff', k, 'must be a non-negative integer', 'pass the number of lagged differences, such as 1');
  }
  const y = levelMatrix(series, k);
  const neqs = series.length, n = series[0].length;
  const { s00, sk0, skk, rows } = momentMatrices(y, n, neqs, detOrder, k);

  const l00 = cholesky(s00, neqs);
  if (!l00.ok) throw degenerate(`the residual differences of series[${l00.failedAt}] are a linear combination of the other series' (S00 is singular)`);
  const lkk = cholesky(skk, neqs);
  if (!lkk.ok) {
    const levels = regressionResiduals(detrend(y, n, neqs, detOrder), n, neqs, new Float64Array(0), 0);
    if (!levels.ok) throw degenerate(`series[${levels.dependentColumn}] is (after removing the deterministic terms) a linear combination of the series before it`);
  }
  if (!lkk.ok) throw degenerate(`the residual levels of series[${lkk.failedAt}] are a linear combination of the other series' (Skk is singular)`);
  // sig = S_k0 S_00^-1 S_0k = W^T W with W = L00^-1 S_0k.
  const w = new Float64Array(neqs * neqs);
  for (let i = 0; i < neqs; i++) for (let j = 0; j < neqs; j++) w[i * neqs + j] = sk0[j * neqs + i];
  solveLowerInPlace(l00.lower, neqs, w, neqs);
  const sig = gram(w, neqs, neqs, 1);
  const eig = generalizedSymmetricEigen(sig, lkk.lower, neqs);

  const a = Array.from(eig.values, (v) => (v < 0 && v > -1e-12 ? 0 : v));
  if (a.some((v) => !(v < 1) || !(v >= 0))) {
    throw degenerate(`an eigenvalue is ${a.find((v) => !(v < 1) || !(v >= 0))}, outside [0, 1): a combination of the series is perfectly predictable`);
  }
  const vec = eig.vectors;
  for (let j = 0; j < neqs; j++) {
    let first = 0;
    for (let i = 0; i < neqs && first === 0; i++) first = vec[i * neqs + j];
    if (first < 0) for (let i = 0; i < neqs; i++) vec[i * neqs + j] = -vec[i * neqs + j];
  }
  const logs = a.map((v) => Math.log1p(-v));
  const traceStat = logs.map((_, i) => -rows * logs.slice(i).reduce((s, v) => s + v, 0));
  const maxEigStat = logs.map((v) => -rows * v);
  return {
    detOrder, kArDiff: k, neqs, nobs: rows,
    eigenvalues: a,
    eigenvectors: Array.from({ length: neqs }, (_, i) => Array.from(vec.subarray(i * neqs, (i + 1) * neqs))),
    traceStat, maxEigStat,
    traceCriticalValues: a.map((_, i) => johansenCriticalValues('trace', neqs - i, detOrder)),
    maxEigCriticalValues: a.map((_, i) => johansenCriticalValues('maxeig', neqs - i, detOrder)),
  };
}

export type CointegrationRankMethod = 'trace' | 'maxeig';
export type CointegrationSignificance = 0.1 | 0.05 | 0.01;
export const DEFAULT_COINTEGRATION_RANK_METHOD: CointegrationRankMethod = 'trace';
export const DEFAULT_COINTEGRATION_SIGNIFICANCE: CointegrationSignificance = 0.05;

export interface CointegrationRankOptions extends JohansenOptions {
  /** Which statistic drives the sequential test; default 'trace'. */
  readonly method?: CointegrationRankMethod;
  /** Test size, one of the tabulated 0.1, 0.05, 0.01; default 0.05. */
  readonly signif?: CointegrationSignificance;
}

/** statsmodels CointRankResults as plain JSON. */
export interface CointegrationRankResult {
  /** The selected cointegration rank: the first r whose null is not rejected (neqs when all are). */
  readonly rank: number;
  readonly neqs: number;
  /** Statistics of the hypotheses tested, r = 0..rank (at most neqs - 1). */
  readonly testStats: number[];
  /** Their critical values at `signif`. */
  readonly criticalValues: number[];
  readonly method: CointegrationRankMethod;
  readonly signif: CointegrationSignificance;
}

/** Sequential rank selection like statsmodels `select_coint_rank`. */
export function selectCointegrationRank(series: readonly Float64Array[], options: CointegrationRankOptions = {}): CointegrationRankResult {
  rejectUnknownOptions('options', options, ['detOrder', 'kArDiff', 'method', 'signif']);
  const { method, signif, ...johansen } = options;
  return cointegrationRankFromTest(johansenTest(series, johansen), method, signif);
}

/** The rank selection of `selectCointegrationRank` on an existing test result. */
export function cointegrationRankFromTest(
  result: JohansenResult,
  method: CointegrationRankMethod = DEFAULT_COINTEGRATION_RANK_METHOD,
  signif: CointegrationSignificance = DEFAULT_COINTEGRATION_SIGNIFICANCE,
): CointegrationRankResult {
  if (method !== 'trace' && method !== 'maxeig') {
    throw new InvalidArgumentError('method', method, "must be 'trace' or 'maxeig'", "pass 'trace' (default) or 'maxeig'");
  }
  const level = [0.1, 0.05, 0.01].indexOf(signif);
  if (level < 0) throw new InvalidArgumentError('signif', signif, 'must be one of the tabulated levels 0.1, 0.05, 0.01', 'pass 0.05 (default), 0.1 or 0.01');
  const stats = method === 'trace' ? result.traceStat : result.maxEigStat;
  const crit = (method === 'trace' ? result.traceCriticalValues : result.maxEigCriticalValues).map((row) => row[level]);
  let rank = 0;
  while (rank < result.neqs && !(stats[rank] < crit[rank])) rank++;
  return {
    rank, neqs: result.neqs, testStats: stats.slice(0, rank + 1), criticalValues: crit.slice(0, rank + 1), method, signif,
  };
}

function checkDetOrder(argument: string, detOrder: unknown): asserts detOrder is JohansenDetOrder {
  if (detOrder !== -1 && detOrder !== 0 && detOrder !== 1) {
    throw new InvalidArgumentError(argument, detOrder, 'must be -1, 0 or 1 (critical values exist only for these)', 'pass -1 (none), 0 (constant) or 1 (linear trend)');
  }
}

function degenerate(problem: string): InvalidArgumentError {
  return new InvalidArgumentError('series', 'collinear input', problem, 'drop series that are (near-)exact linear combinations of others, or duplicates');
}

/** Validates the series and lays them out as an n x neqs row-major matrix. */
function levelMatrix(series: readonly Float64Array[], k: number): Float64Array {
  if (!Array.isArray(series) || series.length < 2 || series.length > JOHANSEN_MAX_SERIES) {
    throw new InvalidArgumentError(
      'series', series, `must be an array of 2 to ${JOHANSEN_MAX_SERIES} Float64Arrays (critical values are tabulated up to ${JOHANSEN_MAX_SERIES})`,
      'pass one Float64Array per variable: [x, y] or [x, y, z]',
    );
  }
  const neqs = series.length;
  const min = johansenMinObservations(neqs, k);
  series.forEach((s, i) => checkSeries(`series[${i}]`, s, min, `${neqs} series with kArDiff ${k}`));
  const n = series[0].length;
  series.forEach((s, i) => {
    if (s.length !== n) {
      throw new InvalidArgumentError(`series[${i}]`, s, `has length ${s.length} but series[0] has length ${n}`, 'align every series on the same dates');
    }
  });
  const y = new Float64Array(n * neqs);
  for (let i = 0; i < n; i++) for (let j = 0; j < neqs; j++) y[i * neqs + j] = series[j][i];
  return y;
}

/**
 * Residuals R0 (of dY) and Rk (of the levels) on the lagged differences, and their moment
 * matrices S00 = R0'R0 / T, Sk0 = Rk'R0 / T, Skk = Rk'Rk / T.
 */
function momentMatrices(y0: Float64Array, n: number, neqs: number, detOrder: JohansenDetOrder, k: number) {
  const y = detrend(y0, n, neqs, detOrder);
  const rows = n - 1 - k, zc = neqs * k, m = 2 * neqs;
  // Right-hand sides side by side: [dY_t | Y level] (rows x 2 neqs); regressors Z (rows x neqs k).
  const both = new Float64Array(rows * m), z = new Float64Array(rows * zc);
  for (let j = 0; j < rows; j++) {
    const t = j + k; // index into the differences dY_t = Y[t + 1] - Y[t]
    for (let c = 0; c < neqs; c++) {
      both[j * m + c] = y[(t + 1) * neqs + c] - y[t * neqs + c];
      both[j * m + neqs + c] = y[(j + 1) * neqs + c];
      for (let l = 1; l <= k; l++) z[j * zc + (l - 1) * neqs + c] = y[(t - l + 1) * neqs + c] - y[(t - l) * neqs + c];
    }
  }
  if (detOrder >= 0) {
    demeanColumns(both, rows, m);
    demeanColumns(z, rows, zc);
  }
  const res = regressionResiduals(z, rows, zc, both, m);
  if (!res.ok) throw degenerate(`the lagged differences of series[${res.dependentColumn % neqs}] are a linear combination of the other regressors`);
  const all = gram(res.residuals, rows, m);
  const s00 = new Float64Array(neqs * neqs), sk0 = new Float64Array(neqs * neqs), skk = new Float64Array(neqs * neqs);
  for (let i = 0; i < neqs; i++) {
    for (let j = 0; j < neqs; j++) {
      s00[i * neqs + j] = all[i * m + j];
      sk0[i * neqs + j] = all[(neqs + i) * m + j];
      skk[i * neqs + j] = all[(neqs + i) * m + neqs + j];
    }
  }
  return { s00, sk0, skk, rows };
}

function detrend(y: Float64Array, n: number, neqs: number, detOrder: JohansenDetOrder): Float64Array {
  if (detOrder === -1) return Float64Array.from(y);
  if (detOrder === 0) {
    const out = Float64Array.from(y);
    demeanColumns(out, n, neqs);
    return out;
  }
  // OLS on [t, 1] with t = linspace(-1, 1, n), as np.vander(np.linspace(-1, 1, n), 2).
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) { x[2 * i] = n === 1 ? -1 : -1 + (2 * i) / (n - 1); x[2 * i + 1] = 1; }
  const r = regressionResiduals(x, n, 2, y, neqs);
  if (!r.ok) throw degenerate('the time trend cannot be estimated');
  return r.residuals;
}

function demeanColumns(m: Float64Array, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += m[i * cols + c];
    const mean = s / rows;
    for (let i = 0; i < rows; i++) m[i * cols + c] -= mean;
  }
}

/** A^T A / divisor for row-major A of rows x cols (divisor defaults to rows). */
function gram(a: Float64Array, rows: number, cols: number, divisor = rows): Float64Array {
  const out = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      let s = 0;
      for (let t = 0; t < rows; t++) s += a[t * cols + i] * a[t * cols + j];
      out[i * cols + j] = s / divisor;
      out[j * cols + i] = s / divisor;
    }
  }
  return out;
}
