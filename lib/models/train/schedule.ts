// Learning-rate schedules, one rate per epoch. Step and cosine are pure functions of the epoch;
// reduce-on-plateau also watches a metric, so every schedule has the same two-call surface:
// rate(epoch) before the epoch, observe(logs) after it.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';

/** Metrics a schedule or early stopping can watch. */
export type MonitoredMetric = 'loss' | 'valLoss' | 'valAccuracy';
export type MonitorMode = 'min' | 'max';

export const DEFAULT_STEP_GAMMA = 0.1;
export const DEFAULT_MIN_LEARNING_RATE = 0;
/** Keras' ReduceLROnPlateau defaults. */
export const DEFAULT_PLATEAU_FACTOR = 0.1;
export const DEFAULT_PLATEAU_PATIENCE = 10;
export const DEFAULT_PLATEAU_MIN_DELTA = 1e-4;

export interface StepSchedule {
  readonly type: 'step';
  /** Epochs between drops. */
  readonly stepSize: number;
  /** Multiplier at each drop. */
  readonly gamma?: number;
}

export interface CosineSchedule {
  readonly type: 'cosine';
  /** Epochs from the base rate down to minLearningRate; the whole run by default. */
  readonly period?: number;
  readonly minLearningRate?: number;
}

export interface PlateauSchedule {
  readonly type: 'plateau';
  readonly metric?: MonitoredMetric;
  /** 'min' for losses; by default 'max' for accuracy, 'min' otherwise. */
  readonly mode?: MonitorMode;
  readonly factor?: number;
  /** Epochs without improvement before the rate is cut. */
  readonly patience?: number;
  readonly minDelta?: number;
  readonly minLearningRate?: number;
}

export type ScheduleOptions = StepSchedule | CosineSchedule | PlateauSchedule;

export interface LearningRateSchedule {
  /** The rate to train epoch `epoch` (0-based) with. */
  rate(epoch: number): number;
  /** Called with each finished epoch's metrics. */
  observe(logs: Readonly<Partial<Record<MonitoredMetric, number>>>): void;
}

const KEYS = { step: ['type', 'stepSize', 'gamma'], cosine: ['type', 'period', 'minLearningRate'], plateau: ['type', 'metric', 'mode', 'factor', 'patience', 'minDelta', 'minLearningRate'] };

export function defaultMode(metric: MonitoredMetric): MonitorMode {
  return metric === 'valAccuracy' ? 'max' : 'min';
}

/** Builds the schedule for a run of `epochs` epochs starting at `base`; no options: constant. */
export function createSchedule(options: ScheduleOptions | undefined, base: number, epochs: number): LearningRateSchedule {
  if (options === undefined) return { rate: () => base, observe: () => undefined };
  const where = 'trainOptions.schedule';
  const type = options?.type;
  if (type !== 'step' && type !== 'cosine' && type !== 'plateau') {
    throw new InvalidArgumentError(`${where}.type`, type, 'must be step, cosine or plateau', "pass e.g. { type: 'cosine' }");
  }
  rejectUnknownOptions(where, options, KEYS[type]);
  const minLr = 'minLearningRate' in options ? options.minLearningRate ?? DEFAULT_MIN_LEARNING_RATE : DEFAULT_MIN_LEARNING_RATE;
  nonNegative(`${where}.minLearningRate`, minLr);
  if (options.type === 'step') {
    const gamma = options.gamma ?? DEFAULT_STEP_GAMMA;
    positiveInteger(`${where}.stepSize`, options.stepSize, 'the epochs between drops, e.g. 10');
    fraction(`${where}.gamma`, gamma);
    return { rate: (epoch) => base * gamma ** Math.floor(epoch / options.stepSize), observe: () => undefined };
  }
  if (options.type === 'cosine') {
    const period = options.period ?? epochs;
    positiveInteger(`${where}.period`, period, 'the epochs of one decay, e.g. the run length');
    return {
      rate: (epoch) => minLr + (base - minLr) * 0.5 * (1 + Math.cos(Math.PI * Math.min(epoch, period) / period)),
      observe: () => undefined,
    };
  }
  return plateau(options, base, minLr, where);
}

function plateau(options: PlateauSchedule, base: number, minLr: number, where: string): LearningRateSchedule {
  const metric = options.metric ?? 'valLoss';
  if (metric !== 'loss' && metric !== 'valLoss' && metric !== 'valAccuracy') {
    throw new InvalidArgumentError(`${where}.metric`, metric, 'must be loss, valLoss or valAccuracy', "pass 'valLoss'");
  }
  const mode = options.mode ?? defaultMode(metric);
  if (mode !== 'min' && mode !== 'max') throw new InvalidArgumentError(`${where}.mode`, mode, 'must be min or max', "pass 'min' for a loss");
  const factor = options.factor ?? DEFAULT_PLATEAU_FACTOR, patience = options.patience ?? DEFAULT_PLATEAU_PATIENCE;
  const minDelta = options.minDelta ?? DEFAULT_PLATEAU_MIN_DELTA;
  fraction(`${where}.factor`, factor);
  positiveInteger(`${where}.patience`, patience, 'a number of epochs such as 3');
  nonNegative(`${where}.minDelta`, minDelta);
  let lr = base, best = mode === 'min' ? Infinity : -Infinity, wait = 0;
  return {
    rate: () => lr,
    observe(logs) {
      const value = logs[metric];
      if (value === undefined) {
        throw new InvalidArgumentError(`${where}.metric`, metric, 'was not reported this epoch', 'pass validation data to watch valLoss or valAccuracy, or watch loss');
      }
      if (mode === 'min' ? value < best - minDelta : value > best + minDelta) { best = value; wait = 0; return; }
      // Keras' ReduceLROnPlateau: cut once `patience` epochs passed without improvement, then count again.
      if (++wait >= patience) { lr = Math.max(lr * factor, minLr); wait = 0; }
    },
  };
}

function positiveInteger(name: string, value: unknown, what: string): void {
  if (!Number.isInteger(value) || (value as number) < 1) throw new InvalidArgumentError(name, value, 'must be a positive integer', `pass ${what}`);
}

function fraction(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new InvalidArgumentError(name, value, 'must lie in (0, 1)', 'pass a factor such as 0.1 or 0.5');
}

function nonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new InvalidArgumentError(name, value, 'must be a finite number >= 0', 'pass 0 or a small positive number');
}
