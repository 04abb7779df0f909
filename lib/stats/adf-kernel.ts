// The ADF regression kernel: Delta x_t on [deterministic terms, x_{t-1}, Delta x_{t-1..t-k}], over the
// rows statsmodels adfuller uses (t = k .. N-2 in difference indices, nobs = N - 1 - k).
//
// Speed: every lag column is a shift of d = diff(x), so the Gram matrix X'X of the widest model is
// built in O(nobs * maxlag) instead of O(nobs * maxlag^2) (a shifted product differs from its
// neighbour on the diagonal by two end terms), and one Cholesky factor serves all nested lag
// lengths of the search (the leading block of L is the factor of the leading block of X'X; the
// residual sum of squares of the first m columns is y'y - |z_1..m|^2 with z = L^{-1} X'y).
// The regression at the chosen lag is refitted on its own rows with explicit residuals.
// Accuracy: the trend column is centred and scaled and, when a constant is present, the level
// column is centred; neither changes the t-statistic of the level, and both keep X'X well conditioned.
import { backSubstituteTransposed, choleskyInPlace, forwardSubstitute } from './linalg';
import { olsLogLikelihood } from './ols';
import type { TrendRegression } from './mackinnon';

export type AutoLag = 'aic' | 'bic' | 't-stat';

/** statsmodels' stop value for the t-stat search: norm.ppf(0.95). */
const T_STAT_STOP = 1.6448536269514722;

export function trendCount(regression: TrendRegression): number {
  return regression === 'n' ? 0 : regression.length;
}

/** statsmodels' default maxlag: ceil(12 (nobs/100)^(1/4)), capped at nobs // 2 - ntrend - 1. */
export function defaultMaxLag(nobs: number, regression: TrendRegression): number {
  const schwert = Math.ceil(12 * Math.pow(nobs / 100, 1 / 4));
  return Math.min(Math.floor(nobs / 2) - trendCount(regression) - 1, schwert);
}

export interface AdfKernelResult {
  readonly statistic: number;
  readonly usedLag: number;
  readonly nobs: number;
  /** Best information criterion (AIC/BIC value, or |t| of the last lag for 't-stat'); NaN without a search. */
  readonly icBest: number;
}

/** Scratch buffers, reusable across calls on series of the same or shorter length. */
export interface AdfScratch {
  d: Float64Array;
}

export function createAdfScratch(length: number): AdfScratch {
  return { d: new Float64Array(Math.max(length - 1, 0)) };
}

interface LagGram {
  /** Columns: ntrend deterministic, level, lags 1..k; row-major p x p. */
  readonly G: Float64Array;
  /** X'y. */
  readonly g: Float64Array;
  readonly yy: number;
  readonly p: number;
  readonly nobs: number;
}

/** Deterministic column c at row offset r (0-based) of a window of nobs rows. */
function deterministic(c: number, r: number, nobs: number): number {
  if (c === 0) return 1;
  const tau = (r + 1 - (nobs + 1) / 2) / nobs;
  return c === 1 ? tau : tau * tau;
}

function buildLagGram(x: Float64Array, d: Float64Array, ntrend: number, shift: number, k: number): LagGram {
  const N = x.length, s = k, e = N - 2, nobs = e - s + 1;
  const p = ntrend + 1 + k, lev = ntrend;
  const G = new Float64Array(p * p), g = new Float64Array(p);
  // A[i][j] = sum_t d[t-i] d[t-j] (0 <= i <= j <= k), row 0 by direct sums, the rest by shifting.
  const A = new Float64Array((k + 1) * (k + 1));
  const B = new Float64Array(k + 1); // sum_t (x[t] - shift) d[t-j]
  for (let j = 0; j <= k; j++) {
    let a = 0, b = 0;
    for (let t = s; t <= e; t++) {
      const dj = d[t - j];
      a += d[t] * dj;
      b += (x[t] - shift) * dj;
    }
    A[j] = a;
    B[j] = b;
  }
  for (let i = 1; i <= k; i++) {
    for (let j = i; j <= k; j++) {
      A[i * (k + 1) + j] = A[(i - 1) * (k + 1) + j - 1] + d[s - i] * d[s - j] - d[e + 1 - i] * d[e + 1 - j];
    }
  }
  let LL = 0;
  for (let t = s; t <= e; t++) LL += (x[t] - shift) ** 2;
  const set = (i: number, j: number, v: number) => { G[i * p + j] = v; G[j * p + i] = v; };
  set(lev, lev, LL);
  for (let j = 1; j <= k; j++) {
    set(lev, lev + j, B[j]);
    for (let i = 1; i <= j; i++) set(lev + i, lev + j, A[i * (k + 1) + j]);
    g[lev + j] = A[j];
  }
  g[lev] = B[0];
  // Deterministic columns: direct sums (only for regressions with trend terms).
  for (let c = 0; c < ntrend; c++) {
    for (let c2 = c; c2 < ntrend; c2++) {
      let v = 0;
      for (let r = 0; r < nobs; r++) v += deterministic(c, r, nobs) * deterministic(c2, r, nobs);
      set(c, c2, v);
    }
    let vl = 0;
    for (let r = 0; r < nobs; r++) vl += deterministic(c, r, nobs) * (x[s + r] - shift);
    set(c, lev, vl);
    for (let j = 0; j <= k; j++) {
      let v = 0;
      for (let r = 0; r < nobs; r++) v += deterministic(c, r, nobs) * d[s + r - j];
      if (j === 0) g[c] = v;
      else set(c, lev + j, v);
    }
  }
  return { G, g, yy: A[0], p, nobs };
}

/**
 * Augmented Dickey-Fuller regression as statsmodels adfuller(x, maxlag, regression, autolag).
 * Returns null when the regression is singular. `x` must be finite and longer than the checks in
 * adf.ts require; no validation here.
 */
export function adfKernel(
  x: Float64Array, regression: TrendRegression, maxlag: number, autolag: AutoLag | null, scratch?: AdfScratch,
): AdfKernelResult | null {
  const N = x.length, ntrend = trendCount(regression);
  const d = scratch && scratch.d.length >= N - 1 ? scratch.d : new Float64Array(N - 1);
  for (let i = 0; i < N - 1; i++) d[i] = x[i + 1] - x[i];
  let shift = 0;
  if (ntrend > 0) {
    for (let i = 0; i < N; i++) shift += x[i];
    shift /= N;
  }
  let usedLag = maxlag, icBest = NaN;
  if (autolag !== null) {
    const { G, g, yy, p, nobs } = buildLagGram(x, d, ntrend, shift, maxlag);
    if (!choleskyInPlace(G, p)) return null;
    forwardSubstitute(G, p, g); // g now holds z = L^{-1} X'y
    let explained = 0;
    for (let i = 0; i < ntrend; i++) explained += g[i] * g[i];
    const ssrs = new Float64Array(maxlag + 1), tLast = new Float64Array(maxlag + 1);
    for (let lag = 0; lag <= maxlag; lag++) {
      const m = ntrend + 1 + lag;
      explained += g[m - 1] * g[m - 1];
      const ssr = Math.max(yy - explained, Number.MIN_VALUE);
      ssrs[lag] = ssr;
      tLast[lag] = g[m - 1] / Math.sqrt(ssr / (nobs - m));
    }
    if (autolag === 't-stat') {
      for (let lag = maxlag; lag >= 0; lag--) {
        icBest = Math.abs(tLast[lag]);
        usedLag = lag;
        if (icBest >= T_STAT_STOP) break;
      }
    } else {
      const penalty = autolag === 'aic' ? 2 : Math.log(nobs);
      icBest = Infinity;
      for (let lag = 0; lag <= maxlag; lag++) {
        const ic = -2 * olsLogLikelihood(ssrs[lag], nobs) + penalty * (ntrend + 1 + lag);
        if (ic < icBest) { icBest = ic; usedLag = lag; }
      }
    }
  }
  const statistic = levelTStatistic(x, d, ntrend, shift, usedLag);
  if (statistic === null) return null;
  return { statistic, usedLag, nobs: N - 1 - usedLag, icBest };
}

/** t-statistic of the lagged level in the ADF regression with `k` lags, refitted on its own rows. */
function levelTStatistic(x: Float64Array, d: Float64Array, ntrend: number, shift: number, k: number): number | null {
  const { G, g, p, nobs } = buildLagGram(x, d, ntrend, shift, k);
  if (!choleskyInPlace(G, p)) return null;
  const beta = Float64Array.from(g);
  forwardSubstitute(G, p, beta);
  backSubstituteTransposed(G, p, beta);
  const lev = ntrend, s = k, N = x.length;
  let ssr = 0;
  for (let t = s; t <= N - 2; t++) {
    const r = t - s;
    let f = beta[lev] * (x[t] - shift);
    for (let c = 0; c < ntrend; c++) f += beta[c] * deterministic(c, r, nobs);
    for (let j = 1; j <= k; j++) f += beta[lev + j] * d[t - j];
    const res = d[t] - f;
    ssr += res * res;
  }
  // (X'X)^{-1}_{lev,lev} = |L^{-1} e_lev|^2
  const w = new Float64Array(p);
  w[lev] = 1;
  forwardSubstitute(G, p, w);
  let inv = 0;
  for (let i = lev; i < p; i++) inv += w[i] * w[i];
  return beta[lev] / Math.sqrt((ssr / (nobs - p)) * inv);
}
