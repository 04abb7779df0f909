// A trial: the handle an objective uses to draw parameters and report progress, and the frozen
// record of it a study keeps. The handle validates its arguments and delegates to a host: the
// study itself in the main thread, a message channel to it in a worker thread.
import { InvalidArgumentError } from '../util/errors';
import {
  categoricalDistribution, floatDistribution, intDistribution,
  type CategoricalChoice, type Distribution, type ParamValue, type SuggestFloatOptions, type SuggestIntOptions,
} from './distributions';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';
export type Direction = 'minimize' | 'maximize';
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FrozenTrial {
  readonly number: number;
  readonly state: TrialState;
  /** The objective's value (complete), or the last reported intermediate value (pruned). */
  readonly value?: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** step -> reported value. */
  readonly intermediateValues: Readonly<Record<number, number>>;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly completedAt?: number;
  /** Sampler bookkeeping that must survive a restart (e.g. the grid point). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Why a failed trial failed. */
  readonly failReason?: string;
}

/** Thrown by an objective (usually after `trial.shouldPrune()`) to stop an unpromising trial. */
export class TrialPruned extends Error {
  constructor(message = 'trial pruned') {
    super(message);
    this.name = 'TrialPruned';
  }
}

/** What a trial handle delegates to. */
export interface TrialHost {
  suggest(trialNumber: number, name: string, distribution: Distribution): ParamValue;
  report(trialNumber: number, value: number, step: number): void;
  shouldPrune(trialNumber: number): boolean;
  params(trialNumber: number): Record<string, ParamValue>;
}

export class Trial {
  constructor(readonly number: number, private readonly host: TrialHost) {}

  /** A float in [low, high]; `{ log: true }` samples its logarithm, `{ step }` a grid from low. */
  suggestFloat(name: string, low: number, high: number, options?: SuggestFloatOptions): number {
    return this.host.suggest(this.number, checkName(name), floatDistribution(low, high, options)) as number;
  }

  /** An integer in [low, high]; `{ log: true }` samples its logarithm, `{ step }` every step-th value. */
  suggestInt(name: string, low: number, high: number, options?: SuggestIntOptions): number {
    return this.host.suggest(this.number, checkName(name), intDistribution(low, high, options)) as number;
  }

  /** One of `choices`. */
  suggestCategorical<T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.host.suggest(this.number, checkName(name), categoricalDistribution(choices)) as T;
  }

  /** Records an intermediate objective value (e.g. the validation loss after epoch `step`). */
  report(value: number, step: number): void {
    if (typeof value !== 'number') throw new InvalidArgumentError('value', value, 'must be a number', 'report the intermediate objective value');
    if (!Number.isSafeInteger(step) || step < 0) throw new InvalidArgumentError('step', step, 'must be a non-negative integer', 'report the epoch or iteration index');
    this.host.report(this.number, value, step);
  }

  /** Whether the study's pruner judges this trial unpromising at its latest reported step. */
  shouldPrune(): boolean {
    return this.host.shouldPrune(this.number);
  }

  /** The parameters drawn so far. */
  get params(): Record<string, ParamValue> {
    return this.host.params(this.number);
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('name', name, 'must be a non-empty string', 'name the parameter, e.g. "learningRate"');
  return name;
}
