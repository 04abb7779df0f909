// Options of the GRU classifier and of its fit(): defaults as named constants, every field
// checked at the boundary, unknown fields rejected so a typo never silently trains another model.
import type { Rng } from '../util/random';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { EarlyStoppingOptions, EpochLogs, ProgressKind, ScheduleOptions } from './train';

/** Per-epoch metrics: loss, valLoss and valAccuracy (with validation), learningRate, seconds. */
export type { EpochLogs } from './train';

export const DEFAULT_UNITS = 32;
export const DEFAULT_DROPOUT = 0;
export const DEFAULT_LEARNING_RATE = 1e-3;

export interface GruClassifierOptions {
  /** Rows per input window. */
  readonly lookback: number;
  /** Feature columns per row. */
  readonly features: number;
  readonly units?: number;
  /** Input dropout of the GRU, in [0, 1); masks are drawn from the fit() generator. */
  readonly dropout?: number;
  /** Adam step size. */
  readonly learningRate?: number;
  /** Seeds the weight initialisers. */
  readonly seed: number;
}

export type ResolvedGruOptions = Required<GruClassifierOptions>;

export interface LabelledWindows {
  /** Windows as made by makeSequences: (samples, lookback, features) flattened. */
  readonly x: Float32Array;
  /** 0/1 labels, one per window. */
  readonly y: Float32Array;
}

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Drives the per-epoch mini-batch order and the dropout masks. */
  readonly rng: Rng;
  readonly validation?: LabelledWindows;
  readonly onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /** Passed on to the trainer (see fit in the train folder). */
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly schedule?: ScheduleOptions;
  readonly clipNorm?: number;
  /** [weight of class 0, weight of class 1]. */
  readonly classWeights?: readonly number[];
  readonly progress?: ProgressKind;
}

export interface FitHistory {
  readonly loss: number[];
  readonly valLoss: number[];
  readonly valAccuracy: number[];
  /** Everything the trainer logged, one entry per epoch run. */
  readonly epochs: EpochLogs[];
  /** The epoch whose weights the model holds after early stopping with restoreBest. */
  readonly bestEpoch?: number;
  readonly stoppedEarly: boolean;
}

const OPTION_KEYS = ['lookback', 'features', 'units', 'dropout', 'learningRate', 'seed'];
const FIT_KEYS = ['epochs', 'batchSize', 'rng', 'validation', 'onEpochEnd', 'earlyStopping', 'schedule', 'clipNorm', 'classWeights', 'progress'];

export function resolveGruOptions(options: GruClassifierOptions): ResolvedGruOptions {
  rejectUnknownOptions('options', options, OPTION_KEYS);
  const resolved: ResolvedGruOptions = {
    lookback: options.lookback,
    features: options.features,
    units: options.units ?? DEFAULT_UNITS,
    dropout: options.dropout ?? DEFAULT_DROPOUT,
    learningRate: options.learningRate ?? DEFAULT_LEARNING_RATE,
    seed: options.seed,
  };
  positiveInteger('options.lookback', resolved.lookback, 'the window length used by makeSequences, e.g. 10');
  positiveInteger('options.features', resolved.features, 'the number of feature columns');
  positiveInteger('options.units', resolved.units, `a hidden size such as ${DEFAULT_UNITS}`);
  if (!(resolved.dropout >= 0 && resolved.dropout < 1)) {
    throw new InvalidArgumentError('options.dropout', resolved.dropout, 'must lie in [0, 1)', 'pass a rate such as 0.2, or 0 for none');
  }
  if (!(Number.isFinite(resolved.learningRate) && resolved.learningRate > 0)) {
    throw new InvalidArgumentError('options.learningRate', resolved.learningRate, 'must be a positive finite number', `pass a step size such as ${DEFAULT_LEARNING_RATE}`);
  }
  if (!Number.isSafeInteger(resolved.seed) || resolved.seed < 0) {
    throw new InvalidArgumentError('options.seed', resolved.seed, 'must be a non-negative integer', 'pass a seed such as 42 (randomness is never implicit)');
  }
  return resolved;
}

export function checkFitOptions(options: FitOptions): void {
  rejectUnknownOptions('fitOptions', options, FIT_KEYS);
  positiveInteger('fitOptions.epochs', options.epochs, 'the number of passes over the training set');
  positiveInteger('fitOptions.batchSize', options.batchSize, 'a mini-batch size such as 32');
  if (options.rng == null || typeof options.rng.shuffled !== 'function' || typeof options.rng.nextSeed !== 'function') {
    throw new InvalidArgumentError('fitOptions.rng', options.rng, 'is not an Rng', 'pass createRng(seed) from the util domain');
  }
  if (options.onEpochEnd !== undefined && typeof options.onEpochEnd !== 'function') {
    throw new InvalidArgumentError('fitOptions.onEpochEnd', options.onEpochEnd, 'is not a function', 'pass (epoch, logs) => { ... } or leave it out');
  }
}

/** Checks windows against the model shape; returns the number of samples. */
export function checkWindows(name: string, data: LabelledWindows, options: ResolvedGruOptions, labelled: boolean): number {
  const step = options.lookback * options.features;
  const x = data?.x;
  if (!(x instanceof Float32Array) || x.length === 0 || x.length % step !== 0) {
    throw new InvalidArgumentError(`${name}.x`, x, `must be a non-empty Float32Array whose length is a multiple of lookback * features = ${step}`, 'pass the x of makeSequences built with the same lookback and features');
  }
  const n = x.length / step;
  if (labelled) {
    const y = data.y;
    if (!(y instanceof Float32Array) || y.length !== n) {
      throw new InvalidArgumentError(`${name}.y`, y, `must be a Float32Array of ${n} labels (one per window)`, 'pass the y of makeSequences');
    }
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) {
      throw new InvalidArgumentError(`${name}.y[${bad}]`, y[bad], 'is not 0 or 1', 'encode the label as 0/1 classes');
    }
  }
  return n;
}

function positiveInteger(name: string, value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(name, value, 'must be a positive integer', `pass ${what}`);
}

