// archModel(y, { mean, volatility, distribution, x }): a model is the composition of a mean
// model, a volatility process and a distribution; the class validates and delegates.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Rng } from '../../util/random';
import { validateSeries } from '../validate';
import { constantVariance } from './constant-variance';
import { normal, skewT, studentT } from './distributions';
import { egarch } from './egarch';
import { DEFAULT_FIT_GRADIENT_TOLERANCE, DEFAULT_FIT_MAX_ITERATIONS, estimate, type Parts } from './estimate';
import { garch } from './garch';
import { constantMean, createMeanModel, type MeanChoice } from './mean';
import { ArchFit, type ArchModelJSON } from './result';
import { paramsToVector, simulateArch, type ArchSimulation, type SimulateOptions } from './simulate';
import type { Distribution, DistributionSpec, MeanSpec, VolatilityProcess, VolatilitySpec } from './types';

export interface ArchModelOptions {
  /** Default constantMean(), as arch_model(mean='Constant'). */
  readonly mean?: MeanChoice;
  /** Default garch({ p: 1, q: 1 }). */
  readonly volatility?: VolatilityProcess;
  /** Default normal(). */
  readonly distribution?: Distribution;
  /** Exogenous regressors for the arx mean: one Float64Array per column, each as long as y. */
  readonly x?: readonly Float64Array[];
}

export interface ArchFitOptions {
  /** Start here (named, every parameter) instead of arch's starting values; must be feasible. */
  readonly startingValues?: Readonly<Record<string, number>>;
  readonly maxIterations?: number;
  readonly gradientTolerance?: number;
}

/** Observations beyond the AR hold-back below which a volatility model is not identified. */
export const ARCH_MIN_OBSERVATIONS = 100;
const MODEL_KEYS = ['mean', 'volatility', 'distribution', 'x'] as const;
const FIT_KEYS = ['startingValues', 'maxIterations', 'gradientTolerance'] as const;

export class ArchModel {
  readonly parts: Parts;
  readonly y: Float64Array;
  private readonly xRowMajor: Float64Array | undefined;

  constructor(y: Float64Array, options: ArchModelOptions = {}) {
    rejectUnknownOptions('archModel options', options, MODEL_KEYS);
    const x = options.x;
    const kx = x?.length ?? 0;
    const mean = createMeanModel(options.mean ?? constantMean(), kx);
    const volatility = options.volatility ?? garch({ p: 1, q: 1 });
    const distribution = options.distribution ?? normal();
    if (!volatility || typeof volatility.varianceJacobian !== 'function') {
      throw new InvalidArgumentError('archModel options.volatility', volatility, 'must be a volatility process', 'pass garch({ p, o, q }), egarch({ p, o, q }) or constantVariance()');
    }
    if (!distribution || typeof distribution.logLikelihood !== 'function') {
      throw new InvalidArgumentError('archModel options.distribution', distribution, 'must be a distribution', 'pass normal(), studentT() or skewT()');
    }
    this.parts = { mean, volatility, distribution };
    const min = mean.holdBack + ARCH_MIN_OBSERVATIONS;
    validateSeries('returns', y, min);
    this.y = y;
    if (x) {
      if (!Array.isArray(x)) throw new InvalidArgumentError('archModel options.x', x, 'must be an array of Float64Array columns', 'pass x: [column1, column2]');
      x.forEach((col, j) => {
        if (!(col instanceof Float64Array) || col.length !== y.length) {
          throw new InvalidArgumentError(`archModel options.x[${j}]`, col, `must be a Float64Array of length ${y.length} (as y)`, 'align each regressor with y');
        }
        const bad = col.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) throw new InvalidArgumentError(`archModel options.x[${j}]`, col, `holds ${col[bad]} at index ${bad}`, 'drop or fill missing values');
      });
      this.xRowMajor = new Float64Array(y.length * kx);
      for (let t = 0; t < y.length; t++) for (let j = 0; j < kx; j++) this.xRowMajor[t * kx + j] = x[j][t];
    }
  }

  get paramNames(): string[] {
    return [...this.parts.mean.paramNames, ...this.parts.volatility.paramNames, ...this.parts.distribution.paramNames];
  }

  /** Maximum likelihood; a fit that does not converge says so in the result and warns once. */
  fit(options: ArchFitOptions = {}): ArchFit {
    rejectUnknownOptions('fit options', options, FIT_KEYS);
    const maxIterations = options.maxIterations ?? DEFAULT_FIT_MAX_ITERATIONS;
    const gradientTolerance = options.gradientTolerance ?? DEFAULT_FIT_GRADIENT_TOLERANCE;
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidArgumentError('fit options.maxIterations', maxIterations, 'must be a positive integer', `omit it or pass e.g. ${DEFAULT_FIT_MAX_ITERATIONS}`);
    if (!(gradientTolerance > 0)) throw new InvalidArgumentError('fit options.gradientTolerance', gradientTolerance, 'must be positive', `omit it or pass e.g. ${DEFAULT_FIT_GRADIENT_TOLERANCE}`);
    const startingValues = options.startingValues === undefined ? undefined : paramsToVector(this.parts, options.startingValues, 'fit options.startingValues', false);
    const est = estimate(this.parts, this.y, this.xRowMajor, { startingValues, maxIterations, gradientTolerance });
    const fit = new ArchFit(this.parts, this.y, this.xRowMajor !== undefined, est);
    if (!fit.converged) {
      process.emitWarning(`archModel.fit did not converge (${fit.message}); estimates may be unreliable`, { code: 'QUANTLAB_ARCH_NOT_CONVERGED' });
    }
    return fit;
  }

  simulate(params: Readonly<Record<string, number>>, n: number, rng: Rng, options: SimulateOptions = {}): ArchSimulation {
    return simulateArch(this.parts, params, n, rng, options);
  }

  /** Spec only (no parameters): rebuild with archModel(y, archSpecFromJSON(json).options). */
  toJSON(): ArchModelJSON {
    return { format: 'quantlab.arch', version: 1, mean: this.parts.mean.spec, volatility: this.parts.volatility.spec, distribution: this.parts.distribution.spec, params: null };
  }
}

/** The three-line entry point: archModel(returns, { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }). */
export function archModel(y: Float64Array, options: ArchModelOptions = {}): ArchModel {
  return new ArchModel(y, options);
}

function meanFromSpec(spec: MeanSpec): { choice: MeanChoice; exogenous: number } {
  if (spec.type === 'arx') return { choice: { type: 'arx', lags: spec.lags, constant: spec.constant }, exogenous: spec.exogenous };
  if (spec.type === 'zero' || spec.type === 'constant') return { choice: { type: spec.type }, exogenous: 0 };
  throw new InvalidArgumentError('json.mean.type', (spec as { type: unknown }).type, 'is not a known mean model', "use 'zero', 'constant' or 'arx'");
}

function volatilityFromSpec(spec: VolatilitySpec): VolatilityProcess {
  if (spec.type === 'garch') return garch({ p: spec.p, o: spec.o, q: spec.q });
  if (spec.type === 'egarch') return egarch({ p: spec.p, o: spec.o, q: spec.q });
  if (spec.type === 'constant') return constantVariance();
  throw new InvalidArgumentError('json.volatility.type', (spec as { type: unknown }).type, 'is not a known volatility process', "use 'garch', 'egarch' or 'constant'");
}

function distributionFromSpec(spec: DistributionSpec): Distribution {
  if (spec.type === 'normal') return normal();
  if (spec.type === 'studentT') return studentT();
  if (spec.type === 'skewT') return skewT();
  throw new InvalidArgumentError('json.distribution.type', (spec as { type: unknown }).type, 'is not a known distribution', "use 'normal', 'studentT' or 'skewT'");
}

export interface ArchSpecification {
  /** Options for archModel(y, options) (add x when the mean has exogenous columns). */
  readonly options: { mean: MeanChoice; volatility: VolatilityProcess; distribution: Distribution };
  readonly exogenous: number;
  readonly params: Readonly<Record<string, number>> | null;
  readonly parts: Parts;
  /** Simulates the stored parameters (throws when the JSON held none). */
  simulate(n: number, rng: Rng, options?: SimulateOptions): ArchSimulation;
}

/** Rebuilds a model spec (and parameters) from ArchFit.toJSON() / ArchModel.toJSON(). */
export function archSpecFromJSON(json: unknown): ArchSpecification {
  const j = (typeof json === 'string' ? JSON.parse(json) : json) as ArchModelJSON;
  if (!j || j.format !== 'quantlab.arch' || j.version !== 1) {
    throw new InvalidArgumentError('json', json, "is not a quantlab.arch version 1 document", 'pass the output of ArchFit.toJSON() or ArchModel.toJSON()');
  }
  const { choice, exogenous } = meanFromSpec(j.mean);
  const volatility = volatilityFromSpec(j.volatility), distribution = distributionFromSpec(j.distribution);
  const parts: Parts = { mean: createMeanModel(choice, exogenous), volatility, distribution };
  if (j.params !== null) paramsToVector(parts, j.params, 'json.params', true);
  const params = j.params;
  return {
    options: { mean: choice, volatility, distribution }, exogenous, params, parts,
    simulate(n, rng, options = {}) {
      if (!params) throw new InvalidArgumentError('json.params', null, 'are missing', 'serialise a fitted model (ArchFit.toJSON())');
      return simulateArch(parts, params, n, rng, options);
    },
  };
}
