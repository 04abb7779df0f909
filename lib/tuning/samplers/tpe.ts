// Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023), with Optuna 5's
// defaults: after n_startup_trials random trials, split the finished trials into the best
// gamma(n) ("below") and the rest ("above"), fit a Parzen estimator l(x) to each group, draw
// n_ei_candidates from l and keep the one maximising l(x) / g(x).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng, type Rng } from '../../util/random';
import { isSingle, sameDistribution, toInternal, type Distribution } from '../distributions';
import type { Direction, FrozenTrial, TrialState } from '../trial';
import { RELATIVE_PARAMS_ATTR, type Sampler, type StudyView } from './base';
import { buildParzenEstimator, logPdfParzen, sampleParzen, type ParzenParameters } from './parzen';
import { DEFAULT_SAMPLER_SEED, RandomSampler } from './random';

export interface TPESamplerOptions {
  /** Random trials before TPE takes over (default 10). */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) per suggestion (default 24). */
  readonly nEiCandidates?: number;
  readonly seed?: number;
  /** Sample all parameters seen in every finished trial jointly (default false: one at a time). */
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
}

export const DEFAULT_N_STARTUP_TRIALS = 10;
export const DEFAULT_N_EI_CANDIDATES = 24;
export const DEFAULT_PRIOR_WEIGHT = 1;
const OPTION_KEYS = ['nStartupTrials', 'nEiCandidates', 'seed', 'multivariate', 'constantLiar', 'priorWeight', 'considerMagicClip', 'considerEndpoints', 'gamma', 'weights'];
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
  private readonly startup: RandomSampler;

  constructor(options: TPESamplerOptions = {}) {
    rejectUnknownOptions('options', options, OPTION_KEYS);
    this.seed = options.seed ?? DEFAULT_SAMPLER_SEED;
    this.nStartupTrials = checkCount('options.nStartupTrials', options.nStartupTrials ?? DEFAULT_N_STARTUP_TRIALS, 0);
    this.nEiCandidates = checkCount('options.nEiCandidates', options.nEiCandidates ?? DEFAULT_N_EI_CANDIDATES, 1);
    this.multivariate = checkBool('options.multivariate', options.multivariate ?? false);
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
    this.rng = createRng(this.seed);
    this.startup = new RandomSampler({ seed: this.seed });
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
    if (study.getTrials(FINISHED).length < this.nStartupTrials) return this.startup.sampleIndependent(study, trial, name, distribution);
    return this.sample(study, trial, { [name]: distribution })[name]!;
  }

  private sample(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, number> {
    const trials = study.getTrials(this.constantLiar ? WITH_RUNNING : FINISHED).filter((t) => t.number !== trial.number);
    const nFinished = trials.reduce((n, t) => n + (t.state === 'running' ? 0 : 1), 0);
    const { below, above } = splitTrials(trials, this.gamma(nFinished), study.direction);
    const peBelow = buildParzenEstimator(observationsOf(below, searchSpace), searchSpace, this.parzen);
    const peAbove = buildParzenEstimator(observationsOf(above, searchSpace), searchSpace, this.parzen);
    const candidates = sampleParzen(peBelow, this.rng, this.nEiCandidates);
    const lBelow = logPdfParzen(peBelow, candidates);
    const lAbove = logPdfParzen(peAbove, candidates);
    let best = 0;
    for (let i = 1; i < this.nEiCandidates; i++) if (lBelow[i]! - lAbove[i]! > lBelow[best]! - lAbove[best]!) best = i;
    return Object.fromEntries(Object.keys(searchSpace).map((name, d) => [name, candidates[d]![best]!]));
  }

  describe() {
    return {
      name: this.name, seed: this.seed, nStartupTrials: this.nStartupTrials, nEiCandidates: this.nEiCandidates,
      multivariate: this.multivariate, constantLiar: this.constantLiar, priorWeight: this.parzen.priorWeight,
      considerMagicClip: this.parzen.considerMagicClip, considerEndpoints: this.parzen.considerEndpoints,
      gamma: this.gamma === defaultGamma ? 'default' : 'custom', weights: this.parzen.weights === defaultWeights ? 'default' : 'custom',
    };
  }
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

function checkBool(argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, value, 'must be true or false', 'leave it out for the default');
  return value;
}
