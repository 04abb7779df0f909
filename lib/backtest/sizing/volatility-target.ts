// Volatility targeting: scale a position so that its forecast volatility equals a target,
// weight[t] = min(maxLeverage, target per period / forecast of sigma[t+1]).
//
// Timing: weight[t] is decided at the close of bar t from returns[0..t] only and is meant to be
// held over return t+1 (apply it with a one-bar lag, as backtestLongFlat does). Appending bars never
// changes an earlier weight. Estimators:
//   'realized': sample standard deviation (n - 1) of the last `window` returns; NaN while fewer
//               than `window` returns are in, and for any window holding a NaN return.
//   'ewma':     RiskMetrics variance, the exponentially weighted mean of squared returns (zero mean)
//               with weights decay^i normalised over the returns seen so far (pandas
//               ewm(alpha=1-decay, adjust=True, ignore_na=True, min_periods=window) of r^2).
//               A NaN return leaves the estimate unchanged.
//   'garch':    GARCH(1,1) one-step forecast sigma[t+1|t]. Either fitted here on the formation
//               window returns[0..formationBars) (weights NaN before its last bar, where the fitted
//               parameters would have seen later returns), or given as `garchFit` (parameters and
//               backcast from a fit on earlier data) and filtered forward from the first bar.
//               A NaN return leaves the variance recursion where it was.
import { RollingStdState } from '../../features/rolling-std';
import { fitGarch11, GARCH11_MIN_OBSERVATIONS, type Garch11Params } from '../../stats/garch11';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { DEFAULT_PERIODS_PER_YEAR } from '../metrics';
import { requireInteger, requirePositive, requireReturns } from './check';

export type VolatilityMethod = 'realized' | 'ewma' | 'garch';

export const DEFAULT_VOLATILITY_METHOD: VolatilityMethod = 'realized';
/** About a month of daily bars: the window ('realized') or the minimum history ('ewma'). */
export const DEFAULT_VOLATILITY_WINDOW = 20;
/** RiskMetrics' daily decay. */
export const DEFAULT_EWMA_DECAY = 0.94;
export const DEFAULT_VOLATILITY_TARGET_MAX_LEVERAGE = 2;
/** GARCH is fitted on percent returns, where its optimiser is best conditioned (as arch advises). */
export const DEFAULT_GARCH_SCALE = 100;

export interface GarchForecastParams {
  /** Fitted mu, omega, alpha, beta on `scale` * returns. */
  readonly params: Garch11Params;
  /** Pre-sample variance that starts the recursion (Garch11Fit.backcast). */
  readonly backcast: number;
}

export interface VolatilityTargetOptions {
  /** Annualised volatility to aim at, as a fraction (0.1 = 10%). */
  readonly targetAnnualVol: number;
  /** Per-period returns the forecast is estimated from (give this or forecastVol). */
  readonly returns?: Float64Array;
  /** Your own per-period volatility forecasts, forecastVol[t] for return t+1 known at t. */
  readonly forecastVol?: Float64Array;
  /** Estimator used on `returns` (DEFAULT_VOLATILITY_METHOD). */
  readonly method?: VolatilityMethod;
  /** 'realized' and 'ewma': see the file comment (DEFAULT_VOLATILITY_WINDOW). */
  readonly window?: number;
  /** 'ewma' only: weight of the previous estimate (DEFAULT_EWMA_DECAY). */
  readonly decay?: number;
  /** 'garch' only: fit on returns[0..formationBars) (at least 100 non-NaN returns). */
  readonly formationBars?: number;
  /** 'garch' only: a fit made elsewhere, instead of formationBars. */
  readonly garchFit?: GarchForecastParams;
  /** 'garch' only: the fit's returns are scale * returns (DEFAULT_GARCH_SCALE). */
  readonly scale?: number;
  /** Weights are capped at this (DEFAULT_VOLATILITY_TARGET_MAX_LEVERAGE). */
  readonly maxLeverage?: number;
  readonly periodsPerYear?: number;
}

export interface VolatilityTarget {
  /** Position scale per bar, decided at t for return t+1; NaN where no forecast exists yet. */
  readonly weights: Float64Array;
  /** The per-period volatility forecast behind each weight (sigma of return t+1, known at t). */
  readonly volatility: Float64Array;
}

const KEYS = ['targetAnnualVol', 'returns', 'forecastVol', 'method', 'window', 'decay', 'formationBars', 'garchFit', 'scale', 'maxLeverage', 'periodsPerYear'] as const;
const METHOD_KEYS: Record<VolatilityMethod, readonly string[]> = {
  realized: ['window'],
  ewma: ['window', 'decay'],
  garch: ['formationBars', 'garchFit', 'scale'],
};

export function volatilityTarget(options: VolatilityTargetOptions): VolatilityTarget {
  rejectUnknownOptions('options', options, KEYS);
  const target = requirePositive('options.targetAnnualVol', options.targetAnnualVol, 'pass an annual volatility as a fraction, e.g. 0.1 for 10%');
  const maxLeverage = requirePositive('options.maxLeverage', options.maxLeverage ?? DEFAULT_VOLATILITY_TARGET_MAX_LEVERAGE, 'pass e.g. 2');
  const periodsPerYear = requirePositive('options.periodsPerYear', options.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR, 'pass 252 for daily bars, 52 weekly, 12 monthly');
  const volatility = forecastVolatility(options);
  const perPeriod = target / Math.sqrt(periodsPerYear);
  const weights = new Float64Array(volatility.length);
  for (let t = 0; t < weights.length; t++) {
    const v = volatility[t]!;
    weights[t] = Number.isNaN(v) ? NaN : v > 0 ? Math.min(maxLeverage, perPeriod / v) : maxLeverage;
  }
  return { weights, volatility };
}

function forecastVolatility(options: VolatilityTargetOptions): Float64Array {
  const given = options as unknown as Record<string, unknown>;
  const method = options.method ?? DEFAULT_VOLATILITY_METHOD;
  if (options.forecastVol !== undefined) {
    if (options.returns !== undefined) {
      throw new InvalidArgumentError('options.returns', options.returns, 'cannot be combined with options.forecastVol', 'pass either returns (and a method) or your own forecastVol');
    }
    for (const key of ['method', ...new Set(Object.values(METHOD_KEYS).flat())]) {
      if (given[key] !== undefined) {
        throw new InvalidArgumentError(`options.${key}`, given[key], 'has no effect with options.forecastVol', `leave ${key} out, or pass returns instead of forecastVol`);
      }
    }
    const forecast = requireReturns('options.forecastVol', options.forecastVol);
    const bad = forecast.findIndex((v) => v < 0);
    if (bad >= 0) throw new InvalidArgumentError(`options.forecastVol[${bad}]`, forecast[bad], 'is negative', 'pass volatilities (standard deviations per period), NaN where none');
    return forecast.slice();
  }
  if (options.returns === undefined) {
    throw new InvalidArgumentError('options.returns', undefined, 'is missing', 'pass per-period returns (Float64Array), or forecastVol');
  }
  const returns = requireReturns('options.returns', options.returns);
  if (!(method in METHOD_KEYS)) {
    throw new InvalidArgumentError('options.method', method, "must be 'realized', 'ewma' or 'garch'", "pass e.g. 'ewma'");
  }
  for (const [other, keys] of Object.entries(METHOD_KEYS)) {
    for (const key of keys) {
      if (!METHOD_KEYS[method].includes(key) && given[key] !== undefined) {
        throw new InvalidArgumentError(`options.${key}`, given[key], `applies to method '${other}', not '${method}'`, `leave ${key} out or pass method: '${other}'`);
      }
    }
  }
  if (method === 'garch') return garchForecast(returns, options);
  const window = requireInteger('options.window', options.window ?? DEFAULT_VOLATILITY_WINDOW, 2, 'pass e.g. 20 bars');
  if (method === 'realized') {
    const state = new RollingStdState(window, 1);
    return Float64Array.from(returns, (r) => state.update(r));
  }
  const decay = options.decay ?? DEFAULT_EWMA_DECAY;
  if (typeof decay !== 'number' || !(decay > 0 && decay < 1)) {
    throw new InvalidArgumentError('options.decay', decay, 'must be in (0, 1)', 'pass 0.94 (RiskMetrics daily) or 0.97 (monthly)');
  }
  return ewmaVolatility(returns, decay, window);
}

/** sqrt of the adjusted EWMA of r^2: (sum decay^i r_{t-i}^2) / (sum decay^i) over non-NaN returns. */
export function ewmaVolatility(returns: Float64Array, decay: number, minPeriods: number): Float64Array {
  const out = new Float64Array(returns.length);
  let numerator = 0, denominator = 0, seen = 0;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (!Number.isNaN(r)) {
      numerator = r * r + decay * numerator;
      denominator = 1 + decay * denominator;
      seen++;
    }
    out[t] = seen >= minPeriods ? Math.sqrt(numerator / denominator) : NaN;
  }
  return out;
}

function garchForecast(returns: Float64Array, options: VolatilityTargetOptions): Float64Array {
  const scale = requirePositive('options.scale', options.scale ?? DEFAULT_GARCH_SCALE, 'pass 100 (percent returns) or 1');
  const n = returns.length;
  let fit: GarchForecastParams;
  let firstValid: number;
  if (options.garchFit !== undefined) {
    if (options.formationBars !== undefined) {
      throw new InvalidArgumentError('options.formationBars', options.formationBars, 'cannot be combined with options.garchFit', 'pass either a formation window to fit on or a fit made elsewhere');
    }
    fit = options.garchFit;
    const p = fit?.params;
    if (!(p && [p.mu, p.omega, p.alpha, p.beta].every(Number.isFinite) && p.omega > 0 && p.alpha >= 0 && p.beta >= 0 && p.alpha + p.beta < 1)) {
      throw new InvalidArgumentError('options.garchFit.params', p, 'must hold finite mu, omega > 0, alpha >= 0, beta >= 0 with alpha + beta < 1', 'pass the params of fitGarch11 on earlier data');
    }
    if (!(fit.backcast > 0 && Number.isFinite(fit.backcast))) {
      throw new InvalidArgumentError('options.garchFit.backcast', fit.backcast, 'must be a positive finite variance', 'pass Garch11Fit.backcast');
    }
    firstValid = 0;
  } else {
    if (options.formationBars === undefined) {
      throw new InvalidArgumentError('options.formationBars', undefined, "is required for method 'garch'", 'pass the number of leading returns to fit on (at least 100, e.g. 500), or a garchFit');
    }
    const formation = requireInteger('options.formationBars', options.formationBars, 1, 'pass e.g. 500');
    if (formation > n) {
      throw new InvalidArgumentError('options.formationBars', formation, `exceeds the ${n} returns`, 'pass a formation window inside the series');
    }
    const sample = Float64Array.from(returns.subarray(0, formation).filter((r) => !Number.isNaN(r)), (r) => r * scale);
    if (sample.length < GARCH11_MIN_OBSERVATIONS) {
      throw new InvalidArgumentError('options.formationBars', formation, `leaves ${sample.length} non-NaN returns to fit on, fewer than ${GARCH11_MIN_OBSERVATIONS}`, 'pass a longer formation window (500 or more daily bars is typical)');
    }
    fit = fitGarch11(sample);
    firstValid = formation - 1;
  }
  const { mu, omega, alpha, beta } = fit.params;
  const out = new Float64Array(n);
  // sigma2 of the next return: the first one is omega + (alpha + beta) * backcast, as arch starts.
  let next = omega + (alpha + beta) * fit.backcast;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    if (!Number.isNaN(r)) {
      const e = scale * r - mu;
      next = omega + alpha * e * e + beta * next;
    }
    out[t] = t >= firstValid ? Math.sqrt(next) / scale : NaN;
  }
  return out;
}
