// Static and rolling OLS hedge ratios for a pair: y_t = beta x_t + alpha + e_t. The rolling kernel
// is O(n): windowed means and co-moments slide with Welford add/remove updates and are recomputed
// exactly (two-pass) once every `window` bars, so rounding cannot accumulate along the series.
// The ratio at t uses rows t - window + 1 .. t only (no look-ahead).
import { rejectUnknownOptions } from '../util/options';
import { checkBoolean, checkPair, checkWindow } from './pairs-validate';

export const DEFAULT_HEDGE_INTERCEPT = true;

export interface HedgeOptions {
  /** Fit alpha (default DEFAULT_HEDGE_INTERCEPT, true); false forces the line through the origin. */
  readonly intercept?: boolean;
}

/** One-regressor OLS with the statistics statsmodels OLS reports for it. */
export interface SimpleRegression {
  readonly slope: number;
  /** 0 when fitted without intercept. */
  readonly intercept: number;
  readonly slopeStdErr: number;
  /** NaN when fitted without intercept. */
  readonly interceptStdErr: number;
  /** Centered R^2 with an intercept, uncentered without (as statsmodels `rsquared`). */
  readonly rSquared: number;
  /** Sum of squared residuals. */
  readonly ssr: number;
  /** ssr / (nobs - parameters), statsmodels `scale`. */
  readonly residualVariance: number;
  readonly nobs: number;
}

/**
 * Kernel: OLS of y on x (and a constant when `withIntercept`), residuals written to `residuals`.
 * Assumes equal-length finite arrays with more observations than parameters.
 */
export function simpleRegression(x: Float64Array, y: Float64Array, withIntercept: boolean, residuals: Float64Array): SimpleRegression {
  const n = x.length, k = withIntercept ? 2 : 1;
  let mx = 0, my = 0;
  if (withIntercept) {
    for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
    mx /= n; my /= n;
  }
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  const slope = sxy / sxx, intercept = withIntercept ? my - slope * mx : 0;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - intercept - slope * x[i];
    residuals[i] = e;
    ssr += e * e;
  }
  const s2 = ssr / (n - k);
  return {
    slope, intercept,
    slopeStdErr: Math.sqrt(s2 / sxx),
    interceptStdErr: withIntercept ? Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)) : NaN,
    rSquared: 1 - ssr / syy,
    ssr, residualVariance: s2, nobs: n,
  };
}

/** Minimum observations for a hedge ratio: one more than the parameters. */
export function hedgeMinObservations(intercept: boolean): number {
  return intercept ? 3 : 2;
}

export interface OlsHedgeRatio {
  /** Units of x per unit of y. */
  readonly beta: number;
  /** 0 without intercept. */
  readonly alpha: number;
  readonly betaStdErr: number;
  readonly alphaStdErr: number;
  /** Centered R^2 with intercept, uncentered without (statsmodels convention). */
  readonly rSquared: number;
  /** Residual spread y - beta x - alpha. */
  readonly spread: Float64Array;
  readonly nobs: number;
  readonly intercept: boolean;
}

/** Static OLS hedge ratio of y on x over the whole sample. */
export function olsHedgeRatio(x: Float64Array, y: Float64Array, options: HedgeOptions = {}): OlsHedgeRatio {
  rejectUnknownOptions('options', options, ['intercept']);
  const intercept = options.intercept ?? DEFAULT_HEDGE_INTERCEPT;
  checkBoolean('options.intercept', intercept);
  checkPair(x, y, hedgeMinObservations(intercept), intercept ? 'slope, intercept and one residual degree of freedom' : 'slope and one residual degree of freedom');
  const spread = new Float64Array(x.length);
  const r = simpleRegression(x, y, intercept, spread);
  return {
    beta: r.slope, alpha: r.intercept, betaStdErr: r.slopeStdErr, alphaStdErr: r.interceptStdErr,
    rSquared: r.rSquared, spread, nobs: r.nobs, intercept,
  };
}

export interface RollingHedgeRatio {
  /** beta[t] from rows t - window + 1 .. t; NaN for t < window - 1 and where x is constant in the window. */
  readonly beta: Float64Array;
  readonly alpha: Float64Array;
  /** R^2 of each window's regression (centered with intercept, uncentered without). */
  readonly rSquared: Float64Array;
  /** y[t] - beta[t] x[t] - alpha[t]: the spread with the ratio known at t. */
  readonly spread: Float64Array;
  readonly window: number;
  readonly intercept: boolean;
}

/** Rolling OLS hedge ratio over `window` bars, O(n). */
export function rollingHedgeRatio(x: Float64Array, y: Float64Array, window: number, options: HedgeOptions = {}): RollingHedgeRatio {
  rejectUnknownOptions('options', options, ['intercept']);
  const intercept = options.intercept ?? DEFAULT_HEDGE_INTERCEPT;
  checkBoolean('options.intercept', intercept);
  const min = hedgeMinObservations(intercept);
  checkWindow('window', window, min, Number.MAX_SAFE_INTEGER);
  checkPair(x, y, window, `one full window of ${window} bars`);
  const n = x.length;
  const out = {
    beta: new Float64Array(n).fill(NaN), alpha: new Float64Array(n).fill(NaN),
    rSquared: new Float64Array(n).fill(NaN), spread: new Float64Array(n).fill(NaN),
  };
  rollingHedgeKernel(x, y, window, intercept, out.beta, out.alpha, out.rSquared, out.spread);
  return { ...out, window, intercept };
}

/** Kernel of `rollingHedgeRatio`: fills indices window - 1 .. n - 1 of the outputs. */
export function rollingHedgeKernel(
  x: Float64Array, y: Float64Array, w: number, withIntercept: boolean,
  beta: Float64Array, alpha: Float64Array, rSquared: Float64Array, spread: Float64Array,
): void {
  const n = x.length;
  // Window state: means (zero without intercept) and co-moments about them.
  let mx = 0, my = 0, cxx = 0, cxy = 0, cyy = 0;
  for (let t = w - 1; t < n; t++) {
    const start = t - w + 1;
    if (start % w === 0) { // exact re-anchor: two-pass over the window
      mx = 0; my = 0;
      if (withIntercept) {
        for (let i = start; i <= t; i++) { mx += x[i]; my += y[i]; }
        mx /= w; my /= w;
      }
      cxx = 0; cxy = 0; cyy = 0;
      for (let i = start; i <= t; i++) {
        const dx = x[i] - mx, dy = y[i] - my;
        cxx += dx * dx; cxy += dx * dy; cyy += dy * dy;
      }
    } else if (withIntercept) { // slide: remove x[start - 1], add x[t]
      const xo = x[start - 1], yo = y[start - 1];
      const mxr = mx - (xo - mx) / (w - 1), myr = my - (yo - my) / (w - 1);
      cxx -= (xo - mxr) * (xo - mx); cxy -= (xo - mxr) * (yo - my); cyy -= (yo - myr) * (yo - my);
      const xn = x[t], yn = y[t];
      const dx = xn - mxr, dy = yn - myr;
      mx = mxr + dx / w; my = myr + dy / w;
      cxx += dx * (xn - mx); cxy += dx * (yn - my); cyy += dy * (yn - my);
    } else {
      const xo = x[start - 1], yo = y[start - 1], xn = x[t], yn = y[t];
      cxx += xn * xn - xo * xo; cxy += xn * yn - xo * yo; cyy += yn * yn - yo * yo;
    }
    const b = cxx > 0 ? cxy / cxx : NaN;
    const a = withIntercept ? my - b * mx : 0;
    beta[t] = b; alpha[t] = a;
    rSquared[t] = (cxy * cxy) / (cxx * cyy);
    spread[t] = y[t] - b * x[t] - a;
  }
}
