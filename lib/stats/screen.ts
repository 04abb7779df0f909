// Pair screening: the Engle-Granger test (trend 'c', ADF lag search by AIC, as statsmodels
// coint(y0, y1)) on every pair of a universe, multiple-testing adjusted, ranked by p-value.
//
// Direction: Engle-Granger is not symmetric. By default ('forward') each unordered pair {i, j},
// i < j in input order, is tested once with y0 = prices[i] regressed on y1 = prices[j]: n(n-1)/2
// tests, the convention of statsmodels-based screens. direction: 'both' runs both regressions
// (n(n-1) tests) and the correction covers all of them.
//
// Speed: log prices, means and centred sums of squares are computed once per series; per pair the
// cointegrating OLS is O(n) into a reused residual buffer and the ADF search uses the O(n * maxLag)
// Gram kernel of adf-kernel.ts with a reused difference buffer.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { adfKernel, createAdfScratch } from './adf-kernel';
import { resolveAdfOptions } from './adf';
import { COLLINEAR_R_SQUARED } from './engle-granger';
import { simpleRegression } from './hedge';
import { mackinnonCriticalValues, mackinnonPValue, type UnitRootCriticalValues } from './mackinnon';
import { adjustPValues, DEFAULT_ALPHA, P_VALUE_CORRECTIONS, type PValueCorrection } from './multitest';
import { checkSeries } from './series-checks';

export const DEFAULT_SCREEN_USE_LOG_PRICES = true;
export const DEFAULT_SCREEN_CORRECTION: PValueCorrection = 'benjamini-hochberg';
export type ScreenDirection = 'forward' | 'both';
export const DEFAULT_SCREEN_DIRECTION: ScreenDirection = 'forward';

export interface PriceSeries {
  readonly symbol: string;
  readonly close: Float64Array;
}

export interface ScreenPairsOptions {
  /** Test log prices (default true); prices must then be positive. */
  readonly useLogPrices?: boolean;
  readonly pValueCorrection?: PValueCorrection;
  /** Largest ADF lag searched on the residuals (default statsmodels': ceil(12 (n/100)^(1/4))). */
  readonly maxLag?: number;
  /** Family-wise / false-discovery level for the `rejected` decision (default 0.05). */
  readonly alpha?: number;
  readonly direction?: ScreenDirection;
}

/**
 * - cointegrated: the null of no cointegration is rejected after the correction;
 * - collinear: the cointegrating regression fits (almost) perfectly; statistic -Infinity, p 0;
 * - negative-hedge-ratio: the pair trades as y + |b| x, not a long/short spread;
 * - p-value-at-table-bound: the statistic lies outside MacKinnon's table, the p-value is exactly 0 or 1.
 */
export type PairFlag = 'cointegrated' | 'collinear' | 'negative-hedge-ratio' | 'p-value-at-table-bound';

export interface PairScreenRow {
  /** Dependent series y0 of the cointegrating regression y0 = intercept + hedgeRatio * y1 + e. */
  readonly y: string;
  /** Regressor y1. */
  readonly x: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly adjustedPValue: number;
  readonly rejected: boolean;
  readonly hedgeRatio: number;
  readonly intercept: number;
  readonly rSquared: number;
  readonly usedLag: number;
  readonly flags: readonly PairFlag[];
}

export interface PairScreen {
  /** Ranked by p-value, then by statistic (more negative first). */
  readonly rows: readonly PairScreenRow[];
  /** MacKinnon (2010) critical values, N = 2, shared by every pair (same length). */
  readonly criticalValues: UnitRootCriticalValues;
  readonly tests: number;
  readonly nobs: number;
  readonly maxLag: number;
  readonly pValueCorrection: PValueCorrection;
  readonly alpha: number;
  readonly direction: ScreenDirection;
}

const OPTIONS = ['useLogPrices', 'pValueCorrection', 'maxLag', 'alpha', 'direction'] as const;

export function screenPairs(prices: readonly PriceSeries[], options: ScreenPairsOptions = {}): PairScreen {
  rejectUnknownOptions('options', options, OPTIONS);
  const useLog = options.useLogPrices ?? DEFAULT_SCREEN_USE_LOG_PRICES;
  const method = options.pValueCorrection ?? DEFAULT_SCREEN_CORRECTION;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const direction = options.direction ?? DEFAULT_SCREEN_DIRECTION;
  if (typeof useLog !== 'boolean') throw new InvalidArgumentError('options.useLogPrices', useLog, 'must be a boolean', 'pass true or false');
  if (!P_VALUE_CORRECTIONS.includes(method)) {
    throw new InvalidArgumentError('options.pValueCorrection', method, 'is not a known correction', `use one of ${P_VALUE_CORRECTIONS.join(', ')}`);
  }
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
    throw new InvalidArgumentError('options.alpha', alpha, 'must lie strictly between 0 and 1', 'pass a level such as 0.05');
  }
  if (direction !== 'forward' && direction !== 'both') {
    throw new InvalidArgumentError('options.direction', direction, "must be 'forward' or 'both'", "use 'forward' (one regression per pair)");
  }
  if (!Array.isArray(prices) || prices.length < 2) {
    throw new InvalidArgumentError('prices', prices, 'must list at least two series', 'pass [{ symbol, close }, ...] for two or more instruments');
  }
  const seen = new Set<string>();
  const n = prices[0]?.close?.length ?? 0;
  const series = prices.map((p, i) => {
    if (!p || typeof p.symbol !== 'string' || p.symbol === '') {
      throw new InvalidArgumentError(`prices[${i}].symbol`, p?.symbol, 'must be a non-empty string', 'name every series');
    }
    if (seen.has(p.symbol)) throw new InvalidArgumentError(`prices[${i}].symbol`, p.symbol, 'is listed twice', 'pass each instrument once');
    seen.add(p.symbol);
    const name = `prices[${i}].close (${p.symbol})`;
    checkSeries(name, p.close, { positive: useLog });
    if (p.close.length !== n) {
      throw new InvalidArgumentError(name, p.close, `has length ${p.close.length} but ${prices[0].symbol} has ${n}`, 'align all series on common dates first (an inner join on timestamps)');
    }
    return useLog ? p.close.map(Math.log) : p.close;
  });
  const resolved = resolveAdfOptions('options', prices[0].close, options.maxLag === undefined ? {} : { maxLag: options.maxLag }, 'n', 'prices[0].close');
  const criticalValues = mackinnonCriticalValues(2, 'c', n - 1);

  const residuals = new Float64Array(n);
  const scratch = createAdfScratch(n);
  const raw: Omit<PairScreenRow, 'adjustedPValue' | 'rejected' | 'flags'>[] = [];
  const testPair = (i: number, j: number) => {
    const fit = simpleRegression(series[j], series[i], true, residuals);
    let statistic = -Infinity, usedLag = -1;
    if (fit.rSquared < COLLINEAR_R_SQUARED) {
      const out = adfKernel(residuals, 'n', resolved.maxLag, 'aic', scratch);
      if (out) { statistic = out.statistic; usedLag = out.usedLag; } else statistic = NaN;
    }
    raw.push({
      y: prices[i].symbol, x: prices[j].symbol, statistic, pValue: mackinnonPValue(statistic, 'c', 2),
      hedgeRatio: fit.slope, intercept: fit.intercept, rSquared: fit.rSquared, usedLag,
    });
  };
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      testPair(i, j);
      if (direction === 'both') testPair(j, i);
    }
  }
  const usable = raw.map((r) => (Number.isNaN(r.pValue) ? 1 : r.pValue));
  const { adjusted, rejected } = adjustPValues(usable, method, alpha);
  const rows: PairScreenRow[] = raw.map((r, k) => {
    const flags: PairFlag[] = [];
    if (rejected[k]) flags.push('cointegrated');
    if (r.usedLag < 0) flags.push('collinear');
    if (r.hedgeRatio < 0) flags.push('negative-hedge-ratio');
    if (r.pValue === 0 || r.pValue === 1) flags.push('p-value-at-table-bound');
    return { ...r, adjustedPValue: adjusted[k], rejected: rejected[k], flags };
  });
  rows.sort((a, b) => a.pValue - b.pValue || a.statistic - b.statistic);
  return { rows, criticalValues, tests: rows.length, nobs: n, maxLag: resolved.maxLag, pValueCorrection: method, alpha, direction };
}
