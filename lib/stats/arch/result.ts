// The result of ArchModel.fit: named parameters, likelihood and information criteria, classic and
// robust inference, in-sample paths, forecasts, a summary table and plain-JSON serialisation.
import type { Rng } from '../../util/random';
import type { Estimate, Parts } from './estimate';
import { forecastArch, type ArchForecast, type ForecastOptions } from './forecast';
import { simulateArch, type ArchSimulation, type SimulateOptions } from './simulate';
import { normalSf } from './special';
import { formatSummary } from './summary';
import type { DistributionSpec, MeanSpec, VolatilitySpec } from './types';

export type NamedValues = Readonly<Record<string, number>>;

export interface Inference {
  readonly stdErrors: NamedValues;
  readonly tStats: NamedValues;
  /** Two-sided, from the normal distribution (as arch). */
  readonly pValues: NamedValues;
  /** k x k row-major, in paramNames order. */
  readonly covariance: Float64Array;
}

/** What toJSON writes: the model spec plus its parameters, plain JSON. */
export interface ArchModelJSON {
  readonly format: 'quantlab.arch';
  readonly version: 1;
  readonly mean: MeanSpec;
  readonly volatility: VolatilitySpec;
  readonly distribution: DistributionSpec;
  readonly params: Record<string, number> | null;
}

function inference(names: readonly string[], theta: Float64Array, cov: Float64Array | null): Inference {
  const k = names.length;
  const se: Record<string, number> = {}, ts: Record<string, number> = {}, ps: Record<string, number> = {};
  names.forEach((nm, i) => {
    const v = cov ? cov[i * k + i] : NaN;
    se[nm] = v > 0 ? Math.sqrt(v) : NaN;
    ts[nm] = theta[i] / se[nm];
    ps[nm] = 2 * normalSf(Math.abs(ts[nm]));
  });
  return { stdErrors: se, tStats: ts, pValues: ps, covariance: cov ?? new Float64Array(k * k).fill(NaN) };
}

export class ArchFit {
  readonly params: NamedValues;
  readonly paramNames: readonly string[];
  readonly paramVector: Float64Array;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
  /** Observations in the likelihood: y.length minus the mean's hold-back (AR lags). */
  readonly nobs: number;
  /** Index into y of the first fitted observation (the first entry of the arrays below). */
  readonly firstIndex: number;
  readonly converged: boolean;
  readonly message: string;
  readonly iterations: number;
  readonly residuals: Float64Array;
  readonly conditionalVolatility: Float64Array;
  readonly standardizedResiduals: Float64Array;
  readonly backcast: number;
  readonly startingValues: NamedValues;

  #est: Estimate;
  #robust: Inference | undefined;
  #classic: Inference | undefined;

  constructor(private readonly parts: Parts, private readonly y: Float64Array, private readonly hasExogenous: boolean, est: Estimate) {
    const names = est.names, k = names.length;
    this.#est = est;
    this.paramNames = names;
    this.paramVector = est.theta;
    this.params = Object.fromEntries(names.map((nm, i) => [nm, est.theta[i]]));
    this.startingValues = Object.fromEntries(names.map((nm, i) => [nm, est.start[i]]));
    this.logLikelihood = est.logLikelihood;
    this.nobs = est.residuals.length;
    this.firstIndex = parts.mean.holdBack;
    this.aic = -2 * est.logLikelihood + 2 * k;
    this.bic = -2 * est.logLikelihood + Math.log(this.nobs) * k;
    this.converged = est.converged;
    this.message = est.message;
    this.iterations = est.iterations;
    this.residuals = est.residuals;
    this.conditionalVolatility = est.sigma2.map(Math.sqrt);
    this.standardizedResiduals = est.residuals.map((e, t) => e / this.conditionalVolatility[t]);
    this.backcast = est.backcast;
  }

  /** arch's default cov_type='robust' (Bollerslev-Wooldridge); computed on first access, as arch's param_cov. */
  get robust(): Inference {
    return (this.#robust ??= inference(this.paramNames, this.paramVector, this.#est.covariances.robust));
  }

  /** arch's cov_type='classic' (inverse Hessian); computed on first access. */
  get classic(): Inference {
    return (this.#classic ??= inference(this.paramNames, this.paramVector, this.#est.covariances.classic));
  }

  get meanName(): string { return this.parts.mean.name; }
  get volatilityName(): string { return this.parts.volatility.name; }
  get distributionName(): string { return this.parts.distribution.name; }
  get meanParamNames(): readonly string[] { return this.parts.mean.paramNames; }
  get volatilityParamNames(): readonly string[] { return this.parts.volatility.paramNames; }
  get distributionParamNames(): readonly string[] { return this.parts.distribution.paramNames; }

  /** arch's res.forecast(horizon, start, method). */
  forecast(options: ForecastOptions = {}): ArchForecast {
    return forecastArch({
      parts: this.parts, y: this.y, hasExogenous: this.hasExogenous, theta: this.paramVector, residuals: this.residuals,
      sigma2: this.conditionalVolatility.map((s) => s * s), backcast: this.backcast,
    }, options);
  }

  /** Simulates the fitted model at its estimates. */
  simulate(n: number, rng: Rng, options: SimulateOptions = {}): ArchSimulation {
    return simulateArch(this.parts, this.params, n, rng, options);
  }

  summary(): string {
    return formatSummary(this);
  }

  toJSON(): ArchModelJSON {
    return {
      format: 'quantlab.arch', version: 1, mean: this.parts.mean.spec, volatility: this.parts.volatility.spec,
      distribution: this.parts.distribution.spec, params: { ...this.params },
    };
  }
}
