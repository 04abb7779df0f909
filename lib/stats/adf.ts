// Augmented Dickey-Fuller unit-root test, as statsmodels.tsa.stattools.adfuller (0.15): same
// regression rows, lag search (AIC/BIC on a common sample, or the general-to-specific t-stat rule),
// MacKinnon (1994) p-value and MacKinnon (2010) finite-sample critical values.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { adfKernel, defaultMaxLag, trendCount, type AutoLag } from './adf-kernel';
import { mackinnonCriticalValues, mackinnonPValue, type UnitRootCriticalValues, type TrendRegression } from './mackinnon';
import { checkSeries } from './series-checks';

export type { AutoLag } from './adf-kernel';

export const DEFAULT_ADF_REGRESSION: TrendRegression = 'c';
export const DEFAULT_ADF_AUTOLAG: AutoLag = 'aic';

export interface AdfOptions {
  /** Deterministic terms of the test regression (default 'c'). */
  readonly regression?: TrendRegression;
  /** Lag-length search over 0..maxLag (default 'aic'); null: use exactly maxLag lags. */
  readonly autolag?: AutoLag | null;
  /** Largest lag searched (default ceil(12 (n/100)^(1/4)), capped at n // 2 - ntrend - 1). */
  readonly maxLag?: number;
  /** A fixed number of lags, no search (same as autolag: null, maxLag: lags). */
  readonly lags?: number;
}

export interface AdfResult {
  /** t-statistic of the lagged level. */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value (0 or 1 outside the table's range). */
  readonly pValue: number;
  readonly usedLag: number;
  /** Observations in the test regression (n - 1 - usedLag). */
  readonly nobs: number;
  readonly criticalValues: UnitRootCriticalValues;
  /** Minimised AIC/BIC, or |t| of the last lag kept by 't-stat'; null without a search. */
  readonly icBest: number | null;
  readonly regression: TrendRegression;
  readonly maxLag: number;
}

const ADF_OPTIONS = ['regression', 'autolag', 'maxLag', 'lags'] as const;
const REGRESSIONS: readonly TrendRegression[] = ['n', 'c', 'ct', 'ctt'];
const AUTOLAGS: readonly AutoLag[] = ['aic', 'bic', 't-stat'];

/** Fewest observations for an ADF regression with `lags` lags (statsmodels' rule, plus one residual degree of freedom). */
export function minimumAdfLength(lags: number, regression: TrendRegression): number {
  const ntrend = trendCount(regression);
  return Math.max(2 * (lags + ntrend + 1), 2 * lags + ntrend + 3);
}

interface ResolvedAdf {
  readonly regression: TrendRegression;
  readonly autolag: AutoLag | null;
  readonly maxLag: number;
}

/** Validates ADF options against a series length; shared with the Engle-Granger test. */
export function resolveAdfOptions(argument: string, series: Float64Array, options: AdfOptions, regression: TrendRegression, seriesName: string): ResolvedAdf {
  const length = series.length;
  const { autolag: autolagOption, maxLag: maxLagOption, lags } = options;
  if (autolagOption !== undefined && autolagOption !== null && !AUTOLAGS.includes(autolagOption)) {
    throw new InvalidArgumentError(`${argument}.autolag`, autolagOption, 'is not a known lag-selection method', `use one of ${AUTOLAGS.join(', ')} or null`);
  }
  if (lags !== undefined && (autolagOption !== undefined || maxLagOption !== undefined)) {
    throw new InvalidArgumentError(`${argument}.lags`, lags, 'fixes the lag length, so autolag and maxLag cannot be given with it', 'pass either lags, or autolag with maxLag');
  }
  const fixed = lags ?? (autolagOption === null ? maxLagOption : undefined);
  for (const [name, value] of [['lags', lags], ['maxLag', maxLagOption]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new InvalidArgumentError(`${argument}.${name}`, value, 'must be a non-negative integer', 'pass a lag count such as 4');
    }
  }
  const requested = fixed ?? maxLagOption;
  const ntrend = trendCount(regression);
  // Most lags the length allows: statsmodels' n // 2 - ntrend - 1, and one residual degree of freedom.
  const mostLags = Math.min(Math.floor(length / 2) - ntrend - 1, Math.floor((length - ntrend - 3) / 2));
  // The default is statsmodels' (which already applies the first cap); the second cap only bites
  // where statsmodels would fit a regression with no residual degrees of freedom.
  const maxLag = requested ?? Math.max(Math.min(defaultMaxLag(length, regression), mostLags), 0);
  const minimum = minimumAdfLength(maxLag, regression);
  if (length < minimum) {
    throw new InvalidArgumentError(
      seriesName, series,
      `has ${length} observations; an ADF regression '${regression}' with ${maxLag} lags needs at least ${minimum}`,
      requested === undefined || mostLags < 0
        ? `pass at least ${minimum} observations`
        : `pass at least ${minimum} observations or use at most ${mostLags} lags`,
    );
  }
  return { regression, autolag: fixed !== undefined ? null : (autolagOption ?? DEFAULT_ADF_AUTOLAG), maxLag };
}

export function checkRegression(argument: string, regression: unknown, allowed: readonly TrendRegression[] = REGRESSIONS): asserts regression is TrendRegression {
  if (!allowed.includes(regression as TrendRegression)) {
    throw new InvalidArgumentError(argument, regression, 'is not a known trend specification', `use one of ${allowed.map((r) => `'${r}'`).join(', ')}`);
  }
}

/** ADF test of the null of a unit root in `x` (as statsmodels adfuller). */
export function adf(x: Float64Array, options: AdfOptions = {}): AdfResult {
  rejectUnknownOptions('options', options, ADF_OPTIONS);
  const regression = options.regression ?? DEFAULT_ADF_REGRESSION;
  checkRegression('options.regression', regression);
  checkSeries('x', x);
  const resolved = resolveAdfOptions('options', x, options, regression, 'x');
  const out = adfKernel(x, regression, resolved.maxLag, resolved.autolag);
  if (!out) {
    throw new InvalidArgumentError('x', x, 'gives a singular ADF regression (the lagged level is collinear with the deterministic terms or the lags)', 'check the series is not a deterministic trend; use fewer lags');
  }
  return {
    statistic: out.statistic,
    pValue: mackinnonPValue(out.statistic, regression, 1),
    usedLag: out.usedLag,
    nobs: out.nobs,
    criticalValues: mackinnonCriticalValues(1, regression, out.nobs),
    icBest: resolved.autolag === null ? null : out.icBest,
    regression,
    maxLag: resolved.maxLag,
  };
}
