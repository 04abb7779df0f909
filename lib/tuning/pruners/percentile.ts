// Early stopping of unpromising trials (Optuna's PercentilePruner and its MedianPruner): prune
// when the trial's best intermediate value so far is worse than the given percentile of the
// completed trials' values at the same step.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { StudyView } from '../samplers/base';
import type { Direction, FrozenTrial, JsonValue } from '../trial';
import type { Pruner } from './base';

export interface PercentilePrunerOptions {
  /** No pruning until this many trials have completed (default 5). */
  readonly nStartupTrials?: number;
  /** No pruning before this step (default 0). */
  readonly nWarmupSteps?: number;
  /** Check every this many steps after the warm-up (default 1). */
  readonly intervalSteps?: number;
  /** Fewer completed trials than this reporting the step means no verdict (default 1). */
  readonly nMinTrials?: number;
}

export const DEFAULT_PRUNER_N_STARTUP_TRIALS = 5;
export const DEFAULT_N_WARMUP_STEPS = 0;
export const DEFAULT_INTERVAL_STEPS = 1;
export const DEFAULT_N_MIN_TRIALS = 1;
const OPTION_KEYS = ['nStartupTrials', 'nWarmupSteps', 'intervalSteps', 'nMinTrials'];

export class PercentilePruner implements Pruner {
  readonly name: string = 'PercentilePruner';
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  /** `percentile` in [0, 100]: 25 keeps trials in the best quarter at each step. */
  constructor(readonly percentile: number, options: PercentilePrunerOptions = {}) {
    if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) {
      throw new InvalidArgumentError('percentile', percentile, 'must be between 0 and 100', 'pass e.g. 25 to keep the best quarter');
    }
    rejectUnknownOptions('options', options, OPTION_KEYS);
    this.nStartupTrials = checkInt('options.nStartupTrials', options.nStartupTrials ?? DEFAULT_PRUNER_N_STARTUP_TRIALS, 0);
    this.nWarmupSteps = checkInt('options.nWarmupSteps', options.nWarmupSteps ?? DEFAULT_N_WARMUP_STEPS, 0);
    this.intervalSteps = checkInt('options.intervalSteps', options.intervalSteps ?? DEFAULT_INTERVAL_STEPS, 1);
    this.nMinTrials = checkInt('options.nMinTrials', options.nMinTrials ?? DEFAULT_N_MIN_TRIALS, 1);
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const completed = study.getTrials(['complete']);
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const steps = Object.keys(trial.intermediateValues).map(Number);
    if (steps.length === 0) return false;
    const step = Math.max(...steps);
    if (step < this.nWarmupSteps || !isFirstInInterval(step, steps, this.nWarmupSteps, this.intervalSteps)) return false;
    const best = bestIntermediate(trial, study.direction);
    if (Number.isNaN(best)) return true;
    const atStep = completed.filter((t) => step in t.intermediateValues).map((t) => t.intermediateValues[step]!);
    if (atStep.length < this.nMinTrials) return false;
    const p = nanPercentile(atStep, study.direction === 'maximize' ? 100 - this.percentile : this.percentile);
    if (Number.isNaN(p)) return false;
    return study.direction === 'maximize' ? best < p : best > p;
  }

  describe(): Record<string, JsonValue> {
    return { name: this.name, percentile: this.percentile, nStartupTrials: this.nStartupTrials, nWarmupSteps: this.nWarmupSteps, intervalSteps: this.intervalSteps, nMinTrials: this.nMinTrials };
  }
}

/** Whether `step` is the first report at or after the latest scheduled check (reports may skip steps). */
function isFirstInInterval(step: number, steps: readonly number[], warmup: number, interval: number): boolean {
  const nearestCheck = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const s of steps) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestCheck;
}

function bestIntermediate(trial: FrozenTrial, direction: Direction): number {
  let best = Number.NaN;
  for (const v of Object.values(trial.intermediateValues)) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (direction === 'maximize' ? v > best : v < best)) best = v;
  }
  return best;
}

/** numpy.nanpercentile with linear interpolation. */
export function nanPercentile(values: readonly number[], percentile: number): number {
  const x = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (x.length === 0) return Number.NaN;
  const pos = (percentile / 100) * (x.length - 1);
  const lo = Math.floor(pos), t = pos - lo;
  const a = x[lo]!, b = x[Math.min(lo + 1, x.length - 1)]!;
  // numpy's _lerp: interpolate from the nearer end so t = 1 lands exactly on b.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

function checkInt(argument: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, value, `must be an integer >= ${min}`, 'leave it out for the default');
  }
  return value;
}
