// Options of fit(): one typed object, defaults as named constants, checked before any epoch runs.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Rng } from '../../util/random';
import type { SequenceData } from '../sequence';
import type { EarlyStoppingOptions } from './early-stopping';
import type { ProgressKind } from './progress';
import type { ScheduleOptions } from './schedule';

export const DEFAULT_TRAIN_LEARNING_RATE = 1e-3;
export const DEFAULT_PROGRESS: ProgressKind = 'none';

export interface EpochLogs {
  /** 0-based. */
  readonly epoch: number;
  /** Mean training loss over the epoch's windows (class-weighted when classWeights is set). */
  readonly loss: number;
  /** The Adam step size this epoch trained with. */
  readonly learningRate: number;
  /** Wall time of the epoch, validation included. */
  readonly seconds: number;
  /** Mean global gradient norm before clipping (only with clipNorm). */
  readonly gradNorm?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

export interface TrainData {
  readonly train: SequenceData;
  readonly validation?: SequenceData;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Drives the per-epoch batch order and the dropout masks. */
  readonly rng: Rng;
  /** Adam's base step size. */
  readonly learningRate?: number;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly schedule?: ScheduleOptions;
  /** Clips the gradients to this global norm before each Adam step. */
  readonly clipNorm?: number;
  /** Classification only: loss weight per class index (Keras' class_weight). */
  readonly classWeights?: readonly number[];
  readonly onEpoch?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  readonly progress?: ProgressKind;
}

export interface TrainHistory {
  readonly epochs: EpochLogs[];
  /** The epoch whose weights the model holds after early stopping with restoreBest. */
  readonly bestEpoch?: number;
  /** True when early stopping ended the run before `epochs`. */
  readonly stoppedEarly: boolean;
}

const KEYS = ['epochs', 'batchSize', 'rng', 'learningRate', 'earlyStopping', 'schedule', 'clipNorm', 'classWeights', 'onEpoch', 'progress'];
const WHERE = 'trainOptions';

/** Checks everything but the nested early-stopping and schedule options (checked where resolved). */
export function checkTrainOptions(options: TrainOptions, classes: number | undefined): void {
  rejectUnknownOptions(WHERE, options, KEYS);
  for (const [name, what] of [['epochs', 'the number of passes over the training set'], ['batchSize', 'a mini-batch size such as 32']] as const) {
    if (!Number.isInteger(options[name]) || options[name] < 1) throw new InvalidArgumentError(`${WHERE}.${name}`, options[name], 'must be a positive integer', `pass ${what}`);
  }
  if (typeof options.rng?.shuffled !== 'function' || typeof options.rng.nextSeed !== 'function') {
    throw new InvalidArgumentError(`${WHERE}.rng`, options.rng, 'is not an Rng', 'pass createRng(seed) from quantlab');
  }
  const lr = options.learningRate ?? DEFAULT_TRAIN_LEARNING_RATE;
  if (!(Number.isFinite(lr) && lr > 0)) throw new InvalidArgumentError(`${WHERE}.learningRate`, lr, 'must be a positive finite number', `pass a step size such as ${DEFAULT_TRAIN_LEARNING_RATE}`);
  if (options.clipNorm !== undefined && !(Number.isFinite(options.clipNorm) && options.clipNorm > 0)) {
    throw new InvalidArgumentError(`${WHERE}.clipNorm`, options.clipNorm, 'must be a positive finite number', 'pass a norm such as 1, or leave it out');
  }
  if (options.classWeights !== undefined) {
    if (classes === undefined) throw new InvalidArgumentError(`${WHERE}.classWeights`, options.classWeights, 'applies to classification only', 'leave it out for a regressor');
    const w = options.classWeights;
    if (!Array.isArray(w) || w.length !== classes || w.some((v) => !(Number.isFinite(v) && v >= 0))) {
      throw new InvalidArgumentError(`${WHERE}.classWeights`, w, `must be ${classes} finite weights >= 0, one per class index`, 'pass e.g. [1, 2] to count class 1 twice');
    }
  }
  if (options.onEpoch !== undefined && typeof options.onEpoch !== 'function') {
    throw new InvalidArgumentError(`${WHERE}.onEpoch`, options.onEpoch, 'is not a function', 'pass (epoch, logs) => { ... } or leave it out');
  }
  const progress = options.progress ?? DEFAULT_PROGRESS;
  if (progress !== 'terminal' && progress !== 'notebook' && progress !== 'none') {
    throw new InvalidArgumentError(`${WHERE}.progress`, progress, 'must be terminal, notebook or none', "pass 'terminal' in scripts, 'notebook' in tslab");
  }
}
