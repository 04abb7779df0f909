// Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023), with Optuna 5's
// defaults: after n_startup_trials random trials, split the finished trials into the best
// gamma(n) ("below") and the rest ("above"), fit a Parzen estimator l(x) to each group, draw
// n_ei_candidates from l and keep the one maximising l(x) / g(x). Given NumPy's random stream
// (the `generator` option) it draws what Optuna draws, trial for trial.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng, type Rng } from '../../util/random';
import { isSingle, sameDistribution, toInternal, type Distribution } from '../distributions';
import type { Direction, FrozenTrial, TrialState } from '../trial';
import { RELATIVE_PARAMS_ATTR, type Sampler, type StudyView } from './base';
import { buildParzenEstimator, logPdfParzen, sampleParzen, type ParzenEstimator, type ParzenParameters } from './parzen';
import { DEFAULT_SAMPLER_SEED } from './random';
import { sampleUniform } from './uniform';

export interface TPESamplerOptions {
  /** Random trials before TPE takes over (default 10). */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) per suggestion (default 24). */
  readonly nEiCandidates?: number;
  readonly seed?: number;
  /** Sample all parameters seen in every finished trial jointly (default true: Optuna 5's default for single-objective studies). */
  readonly multivariate?: boolean;
  /** Count running trials as "above" so parallel workers spread out (default true, as Optuna 5). */
  readonly constantLiar?: boolean;
  /** Weight of the prior kernel (default 1). */
  readonly priorWeight?: number;
  readonly considerMagicClip?: boolean;
  readonly considerEndpoints?: boolean;
  /** Size of the "below" group for n finished trials (default defaultGamma). */
  readonly gamma?: (n: number) => number;
  /** Observation weights, oldest first (default defaultWeights). */
  readonly weights?: (n: number) => ArrayLike<number>;
  /**
   * Makes a random stream from the seed (default createRng, xoshiro128**). The sampler keeps two,
   * both from `seed`, as Optuna does: one for the start-up trials, one for the TPE draws.
   */
  readonly generator?: (seed: number) => Rng;
}

export const DEFAULT_N_STARTUP_TRIALS = 10;
export const DEFAULT_N_EI_CANDIDATES = 24;
export const DEFAULT_PRIOR_WEIGHT = 1;
/** Optuna 5 samples jointly unless told otherwise (its multivariate=None on a single-objective study). */
export const DEFAULT_TPE_MULTIVARIATE = true;

const OPTION_KEYS = ['nStartupTrials', 'nEiCandidates', 'seed', 'multivariate', 'constantLiar', 'priorWeight', 'considerMagicClip', 'considerEndpoints', 'gamma', 'weights', 'generator'];
const FINISHED: readonly TrialState[] = ['complete', 'pruned'];
const WITH_RUNNING: readonly TrialState[] = ['complete', 'pruned', 'running'];

/** Optuna's default_gamma: the best 10 %, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's default_weights: the newest 25 weigh 1, older ones ramp linearly from 1/n. */
export function defaultWeights(n: number): Float64Array {
  if (n < 25) return new Float64Array(n).fill(1);
  const w = new Float64Array(n).fill(1);
  const ramp = n - 25;
  const start = 1 / n;
  const delta = ramp > 1 ? (1 - start) / (ramp - 1) : 0;
  for (let i = 0; i < ramp; i++) w[i] = start + i * delta;
  if (ramp > 1) w[ramp - 1] = 1; // linspace ends exactly on its stop value
  return w;
}

export class TPESampler implements Sampler {
  readonly name = 'TPESampler';
  readonly seed: number;
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly multivariate: boolean;
  readonly constantLiar: boolean;
  private readonly parzen: ParzenParameters;
  private readonly gamma: (n: number) => number;
  private readonly rng: Rng;
  private readonly startupRng: Rng;
  private readonly generator: (seed: number) => Rng;

  constructor(options: TPESamplerOptions = {}) {
    rejectUnknownOptions('options', options, OPTION_KEYS);
    this.seed = options.seed ?? DEFAULT_SAMPLER_SEED;
    this.nStartupTrials = checkCount('options.nStartupTrials', options.nStartupTrials ?? DEFAULT_N_STARTUP_TRIALS, 0);
    this.nEiCandidates = checkCount('options.nEiCandidates', options.nEiCandidates ?? DEFAULT_N_EI_CANDIDATES, 1);
    this.multivariate = checkBool('options.multivariate', options.multivariate ?? DEFAULT_TPE_MULTIVARIATE);
    this.constantLiar = checkBool('options.constantLiar', options.constantLiar ?? true);
    const priorWeight = options.priorWeight ?? DEFAULT_PRIOR_WEIGHT;
    if (typeof priorWeight !== 'number' || !(priorWeight > 0) || !Number.isFinite(priorWeight)) {
      throw new InvalidArgumentError('options.priorWeight', priorWeight, 'must be a positive finite number', 'leave it out for 1');
    }
    for (const key of ['gamma', 'weights'] as const) {
      if (options[key] !== undefined && typeof options[key] !== 'function') throw new InvalidArgumentError(`options.${key}`, options[key], 'must be a function of the number of trials', `leave it out for default${key[0]!.toUpperCase()}${key.slice(1)}`);
    }
    this.parzen = {
      priorWeight,
      considerMagicClip: checkBool('options.considerMagicClip', options.considerMagicClip ?? true),
      considerEndpoints: checkBool('options.considerEndpoints', options.considerEndpoints ?? false),
      weights: options.weights ?? defaultWeights,
    };
    this.gamma = options.gamma ?? defaultGamma;
    const generator = options.generator ?? createRng;
    if (typeof generator !== 'function') throw new InvalidArgumentError('options.generator', generator, 'must be a function of the seed returning an Rng', 'leave it out for createRng');
    this.generator = generator;
    this.rng = checkRng(generator(this.seed));
    this.startupRng = checkRng(generator(this.seed));
  }

  inferRelativeSearchSpace(study: StudyView): Record<string, Distribution> {
    if (!this.multivariate) return {};
    return intersectionSearchSpace(study.getTrials(FINISHED));
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, number> {
    if (Object.keys(searchSpace).length === 0 || study.getTrials(FINISHED).length < this.nStartupTrials) return {};
    return this.sample(study, trial, searchSpace);
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): number {
    if (study.getTrials(FINISHED).length < this.nStartupTrials) return sampleUniform(distribution, this.startupRng);
    return this.sample(study, trial, { [name]: distribution })[name]!;
  }

  /**
   * The split and the two densities this sampler compares when it draws `searchSpace` for
   * `trial`: l(x) on the best gamma(n) finished trials, g(x) on the rest (and on running trials,
   * under the constant liar). Pure: for inspecting a decision or checking it against Optuna.
   */
  fit(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): TpeFit {
    const trials = study.getTrials(this.constantLiar ? WITH_RUNNING : FINISHED).filter((t) => t.number !== trial.number);
    const nFinished = trials.reduce((n, t) => n + (t.state === 'running' ? 0 : 1), 0);
    const { below, above } = splitTrials(trials, this.gamma(nFinished), study.direction);
    return {
      below, above,
      l: buildParzenEstimator(observationsOf(below, searchSpace), searchSpace, this.parzen),
      g: buildParzenEstimator(observationsOf(above, searchSpace), searchSpace, this.parzen),
    };
  }

  private sample(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, number> {
    const { l, g } = this.fit(study, trial, searchSpace);
    const candidates = sampleParzen(l, this.rng, this.nEiCandidates);
    const best = bestCandidate(l, g, candidates);
    return Object.fromEntries(Object.keys(searchSpace).map((name, d) => [name, candidates[d]![best]!]));
  }

  describe() {
    return {
      name: this.name, seed: this.seed, nStartupTrials: this.nStartupTrials, nEiCandidates: this.nEiCandidates,
      multivariate: this.multivariate, constantLiar: this.constantLiar, priorWeight: this.parzen.priorWeight,
      considerMagicClip: this.parzen.considerMagicClip, considerEndpoints: this.parzen.considerEndpoints,
      gamma: this.gamma === defaultGamma ? 'default' : 'custom', weights: this.parzen.weights === defaultWeights ? 'default' : 'custom',
      generator: this.generator === createRng ? 'default' : 'custom',
    };
  }
}

export interface TpeFit {
  /** The trials each density is fitted to, in trial-number order. */
  readonly below: FrozenTrial[];
  readonly above: FrozenTrial[];
  readonly l: ParzenEstimator;
  readonly g: ParzenEstimator;
}

/** Index of the candidate maximising log l(x) - log g(x); the first of equals, as numpy's argmax. */
export function bestCandidate(l: ParzenEstimator, g: ParzenEstimator, candidates: readonly Float64Array[]): number {
  const logL = logPdfParzen(l, candidates), logG = logPdfParzen(g, candidates);
  let best = 0;
  for (let i = 1; i < logL.length; i++) if (logL[i]! - logG[i]! > logL[best]! - logG[best]!) best = i;
  return best;
}

/**
 * Optuna's _split_trials for one objective: the best complete trials first, then pruned ones
 * ranked by how far they got and their last value; running trials always go above. Both groups
 * come back in trial-number order, which the weights' age ramp relies on.
 */
export function splitTrials(trials: readonly FrozenTrial[], nBelow: number, direction: Direction): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const sign = direction === 'minimize' ? 1 : -1;
  const complete = trials.filter((t) => t.state === 'complete').sort((a, b) => compare(sign * a.value!, sign * b.value!));
  const pruned = trials.filter((t) => t.state === 'pruned').sort((a, b) => comparePruned(a, b, sign));
  const running = trials.filter((t) => t.state === 'running');
  const nComplete = Math.min(nBelow, complete.length);
  const nPruned = Math.min(Math.max(0, nBelow - nComplete), pruned.length);
  const byNumber = (a: FrozenTrial, b: FrozenTrial) => a.number - b.number;
  return {
    below: [...complete.slice(0, nComplete), ...pruned.slice(0, nPruned)].sort(byNumber),
    above: [...complete.slice(nComplete), ...pruned.slice(nPruned), ...running].sort(byNumber),
  };
}

function prunedScore(t: FrozenTrial, sign: number): [number, number] {
  const steps = Object.keys(t.intermediateValues).map(Number);
  if (steps.length === 0) return [1, 0];
  const last = Math.max(...steps);
  const v = t.intermediateValues[last]!;
  return [-last, Number.isNaN(v) ? Number.POSITIVE_INFINITY : sign * v];
}

function comparePruned(a: FrozenTrial, b: FrozenTrial, sign: number): number {
  const [a0, a1] = prunedScore(a, sign), [b0, b1] = prunedScore(b, sign);
  return a0 - b0 || compare(a1, b1);
}

const compare = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);

/** Internal values of the trials that hold every dimension (running trials: drawn so far, or jointly). */
function observationsOf(trials: readonly FrozenTrial[], searchSpace: Record<string, Distribution>): Record<string, Float64Array> {
  const names = Object.keys(searchSpace);
  const rows: number[][] = [];
  for (const t of trials) {
    const relative = t.state === 'running' ? (t.systemAttrs[RELATIVE_PARAMS_ATTR] as Record<string, number> | undefined) : undefined;
    const row: number[] = [];
    for (const name of names) {
      if (name in t.params) row.push(toInternal(searchSpace[name]!, t.params[name]!));
      else if (relative && name in relative) row.push(relative[name]!);
      else break;
    }
    if (row.length === names.length) rows.push(row);
  }
  return Object.fromEntries(names.map((name, d) => [name, Float64Array.from(rows, (r) => r[d]!)]));
}

/** Dimensions every finished trial drew with the very same distribution, by name. */
export function intersectionSearchSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  let space: Record<string, Distribution> | undefined;
  for (const t of trials) {
    if (space === undefined) { space = { ...t.distributions }; continue; }
    for (const name of Object.keys(space)) {
      const d = t.distributions[name];
      if (!d || !sameDistribution(d, space[name]!)) delete space[name];
    }
  }
  return Object.fromEntries(Object.keys(space ?? {}).sort().filter((n) => !isSingle(space![n]!)).map((n) => [n, space![n]!]));
}

function checkCount(argument: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new InvalidArgumentError(argument, value, `must be an integer >= ${min}`, 'leave it out for the default');
  return value;
}

function checkRng(rng: unknown): Rng {
  if (typeof (rng as Rng | undefined)?.uniform !== 'function') throw new InvalidArgumentError('options.generator(seed)', rng, 'must return an Rng (an object with uniform())', 'return e.g. createRng(seed)');
  return rng as Rng;
}

function checkBool(argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, value, 'must be true or false', 'leave it out for the default');
  return value;
}
