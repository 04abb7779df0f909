// The three kinds of search-space dimension (Optuna's FloatDistribution, IntDistribution,
// CategoricalDistribution) as plain JSON objects. Samplers work in an "internal" number per
// parameter (the value itself, or a categorical choice's index); the trial hands out the
// "external" value.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

export type CategoricalChoice = string | number | boolean | null;
export type ParamValue = number | CategoricalChoice;

export interface FloatDistribution {
  readonly kind: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Grid spacing from `low`; null for a continuous range. */
  readonly step: number | null;
}

export interface IntDistribution {
  readonly kind: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly choices: readonly CategoricalChoice[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

export interface SuggestFloatOptions {
  /** Sample on a log scale (low must be > 0). */
  readonly log?: boolean;
  /** Restrict to low, low + step, ..., high (not with log). */
  readonly step?: number;
}

export interface SuggestIntOptions {
  /** Sample on a log scale (low must be >= 1, step 1). */
  readonly log?: boolean;
  /** Restrict to low, low + step, ..., high (default 1). */
  readonly step?: number;
}

const SUGGEST_OPTION_KEYS = ['log', 'step'];
// Optuna's tolerance for "value lies on the step grid" (FloatDistribution._contains).
const STEP_TOLERANCE = 1e-8;

export function floatDistribution(low: number, high: number, options: SuggestFloatOptions = {}): FloatDistribution {
  rejectUnknownOptions('options', options, SUGGEST_OPTION_KEYS);
  checkFinite('low', low);
  checkFinite('high', high);
  if (low > high) throw new InvalidArgumentError('low', low, `must be <= high (${high})`, 'swap low and high');
  const log = checkFlag('options.log', options.log);
  const step = options.step ?? null;
  if (step !== null) {
    if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) {
      throw new InvalidArgumentError('options.step', step, 'must be a positive finite number', 'pass e.g. step: 0.1, or leave it out for a continuous range');
    }
    if (log) throw new InvalidArgumentError('options.step', step, 'cannot be combined with log: true', 'drop step, or sample the exponent with suggestInt');
    const k = (high - low) / step;
    if (Math.abs(k - Math.round(k)) > STEP_TOLERANCE) {
      throw new InvalidArgumentError('high', high, `high - low must be a multiple of step (${step})`, `use high = ${Number((low + Math.floor(k) * step).toPrecision(12))}`);
    }
  }
  if (log && low <= 0) throw new InvalidArgumentError('low', low, 'must be > 0 when log: true', 'use a positive lower bound such as 1e-5');
  return { kind: 'float', low, high, log, step };
}

export function intDistribution(low: number, high: number, options: SuggestIntOptions = {}): IntDistribution {
  rejectUnknownOptions('options', options, SUGGEST_OPTION_KEYS);
  checkInteger('low', low);
  checkInteger('high', high);
  if (low > high) throw new InvalidArgumentError('low', low, `must be <= high (${high})`, 'swap low and high');
  const log = checkFlag('options.log', options.log);
  const step = options.step ?? 1;
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 1) {
    throw new InvalidArgumentError('options.step', step, 'must be a positive integer', 'pass e.g. step: 2, or leave it out for step 1');
  }
  if (log && step !== 1) throw new InvalidArgumentError('options.step', step, 'must be 1 when log: true', 'drop step or drop log');
  if (log && low < 1) throw new InvalidArgumentError('low', low, 'must be >= 1 when log: true', 'use a lower bound of 1 or more');
  if ((high - low) % step !== 0) {
    throw new InvalidArgumentError('high', high, `high - low must be a multiple of step (${step})`, `use high = ${high - ((high - low) % step)}`);
  }
  return { kind: 'int', low, high, log, step };
}

export function categoricalDistribution(choices: readonly CategoricalChoice[]): CategoricalDistribution {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new InvalidArgumentError('choices', choices, 'must be a non-empty array', 'pass the candidate values, e.g. ["adam", "sgd"]');
  }
  choices.forEach((c, i) => {
    if (!(c === null || typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && !Number.isNaN(c)))) {
      throw new InvalidArgumentError(`choices[${i}]`, c, 'must be a string, number, boolean or null', 'encode structured choices as strings and decode them in the objective');
    }
    if (choices.indexOf(c) !== i) {
      throw new InvalidArgumentError(`choices[${i}]`, c, 'repeats an earlier choice', 'list each choice once');
    }
  });
  return { kind: 'categorical', choices: [...choices] };
}

/** One-value distributions need no sampler (Optuna's `single()`). */
export function isSingle(d: Distribution): boolean {
  if (d.kind === 'categorical') return d.choices.length === 1;
  if (d.low === d.high) return true;
  return d.step !== null && d.high - d.low < d.step;
}

export function toInternal(d: Distribution, value: ParamValue): number {
  if (d.kind === 'categorical') return d.choices.indexOf(value as CategoricalChoice);
  return value as number;
}

export function toExternal(d: Distribution, internal: number): ParamValue {
  if (d.kind === 'categorical') return d.choices[internal]!;
  if (d.kind === 'int') return Math.round(internal);
  return internal;
}

/** Whether an internal value is a legal draw from `d`. */
export function contains(d: Distribution, internal: number): boolean {
  if (d.kind === 'categorical') return Number.isInteger(internal) && internal >= 0 && internal < d.choices.length;
  if (!(internal >= d.low && internal <= d.high)) return false;
  if (d.step === null) return true;
  const k = (internal - d.low) / d.step;
  return Math.abs(k - Math.round(k)) < STEP_TOLERANCE;
}

export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.kind === 'categorical' || b.kind === 'categorical') {
    return a.kind === b.kind && (a as CategoricalDistribution).choices.length === (b as CategoricalDistribution).choices.length
      && (a as CategoricalDistribution).choices.every((c, i) => Object.is(c, (b as CategoricalDistribution).choices[i]));
  }
  return a.kind === b.kind && a.low === b.low && a.high === b.high && a.log === b.log && a.step === b.step;
}

/**
 * Optuna's cross-trial rule (check_distribution_compatibility): a name keeps its kind, its log
 * flag and (categorical) its choices; numeric ranges may change between trials.
 * Returns the problem, or undefined when compatible.
 */
export function incompatibility(before: Distribution, now: Distribution): string | undefined {
  if (before.kind !== now.kind) return `was a ${before.kind} parameter in earlier trials`;
  if (before.kind !== 'categorical' && now.kind !== 'categorical' && before.log !== now.log) return `had log: ${before.log} in earlier trials`;
  if (before.kind === 'categorical' && !sameDistribution(before, now)) return `had choices ${JSON.stringify(before.choices)} in earlier trials`;
  return undefined;
}

export function describeDistribution(d: Distribution): string {
  if (d.kind === 'categorical') return `categorical ${JSON.stringify(d.choices)}`;
  const extra = [d.log ? 'log' : '', d.step !== null && !(d.kind === 'int' && d.step === 1) ? `step ${d.step}` : ''].filter(Boolean).join(', ');
  return `${d.kind} [${d.low}, ${d.high}]${extra ? ` (${extra})` : ''}`;
}

/** Rebuilds (and re-validates) a distribution read back from storage. */
export function distributionFromJson(json: unknown): Distribution {
  const d = json as Record<string, any>;
  if (d?.kind === 'float') return floatDistribution(d.low, d.high, { log: d.log, ...(d.step === null ? {} : { step: d.step }) });
  if (d?.kind === 'int') return intDistribution(d.low, d.high, { log: d.log, step: d.step });
  if (d?.kind === 'categorical') return categoricalDistribution(d.choices);
  throw new InvalidArgumentError('distribution', json, 'is not a stored distribution', 'read studies written by this library only');
}

function checkFinite(argument: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidArgumentError(argument, x, 'must be a finite number', 'pass a number such as 0.001');
}

function checkInteger(argument: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) throw new InvalidArgumentError(argument, x, 'must be an integer', 'pass a whole number such as 8');
}

function checkFlag(argument: string, x: unknown): boolean {
  if (x === undefined) return false;
  if (typeof x !== 'boolean') throw new InvalidArgumentError(argument, x, 'must be true or false', 'pass log: true or leave it out');
  return x;
}
