// Forecasts from a fitted model, as arch's res.forecast(horizon, start, method): analytic variance
// recursions (GARCH/GJR any horizon, EGARCH one step), simulation (any model, seeded Rng, N paths),
// AR mean forecasts, and the total variance of the mean forecast error through the AR impulse
// response (arch's `variance`; `residualVariance` is arch's `residual_variance`).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Rng } from '../../util/random';
import type { Parts } from './estimate';

export type ForecastMethod = 'analytic' | 'simulation';

export interface ForecastOptions {
  /** Steps ahead (default DEFAULT_FORECAST_HORIZON). */
  readonly horizon?: number;
  /** Default 'analytic'; EGARCH beyond one step needs 'simulation'. */
  readonly method?: ForecastMethod;
  /** First origin as an index into y (arch's start=); rows run from it to the last observation. Default: last only. */
  readonly start?: number;
  /** Paths per origin for simulation (default DEFAULT_FORECAST_SIMULATIONS). */
  readonly simulations?: number;
  /** Required for method 'simulation'. */
  readonly rng?: Rng;
  /** For method 'simulation': quantile levels in (0, 1) of the simulated residual variance paths. */
  readonly quantiles?: readonly number[];
}

export interface ArchForecast {
  readonly method: ForecastMethod;
  readonly horizon: number;
  /** Origin of each row, as an index into y. */
  readonly origins: readonly number[];
  readonly mean: readonly Float64Array[];
  readonly variance: readonly Float64Array[];
  readonly residualVariance: readonly Float64Array[];
  /** Simulation only, when `quantiles` were asked: per origin, one band per level (numpy's linear quantile). */
  readonly residualVarianceQuantiles?: readonly (readonly QuantileBand[])[];
}

export interface QuantileBand {
  readonly level: number;
  readonly values: Float64Array;
}

export const DEFAULT_FORECAST_HORIZON = 1;
export const DEFAULT_FORECAST_SIMULATIONS = 1000;
const FORECAST_KEYS = ['horizon', 'method', 'start', 'simulations', 'rng', 'quantiles'] as const;

export interface ForecastState {
  readonly parts: Parts;
  readonly y: Float64Array;
  readonly hasExogenous: boolean;
  readonly theta: Float64Array;
  readonly residuals: Float64Array;
  readonly sigma2: Float64Array;
  readonly backcast: number;
}

export function forecastArch(state: ForecastState, options: ForecastOptions = {}): ArchForecast {
  rejectUnknownOptions('forecast options', options, FORECAST_KEYS);
  const { parts, y, theta, residuals, sigma2, backcast } = state;
  const horizon = options.horizon ?? DEFAULT_FORECAST_HORIZON;
  const method = options.method ?? 'analytic';
  const holdBack = parts.mean.holdBack;
  if (!Number.isInteger(horizon) || horizon < 1) throw new InvalidArgumentError('forecast options.horizon', horizon, 'must be a positive integer', 'pass e.g. { horizon: 10 }');
  if (method !== 'analytic' && method !== 'simulation') throw new InvalidArgumentError('forecast options.method', method, "must be 'analytic' or 'simulation'", "pass method: 'analytic'");
  const start = options.start ?? y.length - 1;
  if (!Number.isInteger(start) || start < holdBack || start > y.length - 1) {
    throw new InvalidArgumentError('forecast options.start', start, `must be an integer in [${holdBack}, ${y.length - 1}]`, 'pass an index into y at or after the first fitted observation');
  }
  if (state.hasExogenous) {
    throw new InvalidArgumentError('forecast', 'model with exogenous regressors', 'needs future regressor values, which forecast does not take', 'fit an AR model without x to forecast, or forecast x separately');
  }
  const simulations = options.simulations ?? DEFAULT_FORECAST_SIMULATIONS;
  if (method === 'simulation') {
    if (!Number.isInteger(simulations) || simulations < 1) throw new InvalidArgumentError('forecast options.simulations', simulations, 'must be a positive integer', 'pass e.g. 1000');
    if (!options.rng || typeof options.rng.normal !== 'function') throw new InvalidArgumentError('forecast options.rng', options.rng, "is required for method 'simulation'", 'pass rng: createRng(seed)');
    for (const q of options.quantiles ?? []) {
      if (!(q > 0 && q < 1)) throw new InvalidArgumentError('forecast options.quantiles', options.quantiles, 'must be levels strictly between 0 and 1', 'pass e.g. [0.05, 0.95]');
    }
  } else if (options.quantiles !== undefined) {
    throw new InvalidArgumentError('forecast options.quantiles', options.quantiles, "only applies to method 'simulation'", "set method: 'simulation' with an rng");
  } else if (options.simulations !== undefined) {
    throw new InvalidArgumentError('forecast options.simulations', simulations, "only applies to method 'simulation'", 'drop it or set method: \'simulation\'');
  }
  const km = parts.mean.paramNames.length, kv = parts.volatility.paramNames.length;
  const beta = theta.subarray(0, km), tv = theta.subarray(km, km + kv), shape = theta.subarray(km + kv);
  const phi = parts.mean.arCoefficients(beta), c = parts.mean.intercept(beta);
  const impulse = arImpulse(phi, horizon);
  const origins: number[] = [], means: Float64Array[] = [], variances: Float64Array[] = [], residualVariances: Float64Array[] = [];
  const bands: QuantileBand[][] = [];
  const levels = options.quantiles ?? [];
  const column = new Float64Array(simulations);
  const z = new Float64Array(simulations * horizon), paths = new Float64Array(simulations * horizon), shocks = new Float64Array(simulations * horizon);
  for (let origin = start; origin < y.length; origin++) {
    const i = origin - holdBack;
    const rv = new Float64Array(horizon);
    if (method === 'analytic') {
      if (!parts.volatility.analyticForecast(tv, residuals, sigma2, backcast, i, horizon, rv)) {
        throw new InvalidArgumentError('forecast options.method', method, `${parts.volatility.name} has no analytic forecast beyond one step`, "use method: 'simulation' with an rng");
      }
    } else {
      for (let s = 0; s < z.length; s++) z[s] = parts.distribution.draw(shape, options.rng!);
      parts.volatility.simulateForecast(tv, residuals, sigma2, backcast, i, horizon, z, simulations, paths, shocks);
      for (let p = 0; p < simulations; p++) for (let h = 0; h < horizon; h++) rv[h] += paths[p * horizon + h] / simulations;
      if (levels.length > 0) {
        const perLevel = levels.map((level) => ({ level, values: new Float64Array(horizon) }));
        for (let h = 0; h < horizon; h++) {
          for (let p = 0; p < simulations; p++) column[p] = paths[p * horizon + h];
          column.sort();
          perLevel.forEach((b) => { b.values[h] = linearQuantile(column, b.level); });
        }
        bands.push(perLevel);
      }
    }
    const m = new Float64Array(horizon);
    const hist = (j: number) => y[origin - j]; // j = 0 is the origin itself
    for (let h = 0; h < horizon; h++) {
      let v = c;
      for (let l = 0; l < phi.length; l++) v += phi[l] * (h - 1 - l >= 0 ? m[h - 1 - l] : hist(l - h));
      m[h] = v;
    }
    const total = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) for (let j = 0; j <= h; j++) total[h] += rv[j] * impulse[h - j] ** 2;
    origins.push(origin); means.push(m); variances.push(total); residualVariances.push(rv);
  }
  return {
    method, horizon, origins, mean: means, variance: variances, residualVariance: residualVariances,
    ...(bands.length > 0 ? { residualVarianceQuantiles: bands } : {}),
  };
}

/** numpy.quantile's default ('linear') on sorted values. */
function linearQuantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** arch's _ar_to_impulse. */
export function arImpulse(phi: Float64Array, steps: number): Float64Array {
  const imp = new Float64Array(steps);
  imp[0] = 1;
  for (let i = 1; i < steps; i++) for (let j = 0; j < Math.min(phi.length, i); j++) imp[i] += phi[j] * imp[i - 1 - j];
  return imp;
}
