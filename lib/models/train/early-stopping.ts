// Early stopping as a small state machine over one metric, Keras' EarlyStopping semantics: an
// epoch improves when it beats the best by more than minDelta; training stops once `patience`
// epochs in a row did not.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { defaultMode, type MonitoredMetric, type MonitorMode } from './schedule';

export const DEFAULT_EARLY_STOPPING_PATIENCE = 5;
export const DEFAULT_EARLY_STOPPING_MIN_DELTA = 0;

export interface EarlyStoppingOptions {
  readonly metric?: MonitoredMetric;
  /** By default 'max' for valAccuracy, 'min' otherwise. */
  readonly mode?: MonitorMode;
  readonly patience?: number;
  readonly minDelta?: number;
  /** Put back the weights of the best epoch when training ends (default true). */
  readonly restoreBest?: boolean;
}

export interface ResolvedEarlyStopping {
  readonly metric: MonitoredMetric;
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBest: boolean;
}

const WHERE = 'trainOptions.earlyStopping';

export function resolveEarlyStopping(options: EarlyStoppingOptions): ResolvedEarlyStopping {
  rejectUnknownOptions(WHERE, options, ['metric', 'mode', 'patience', 'minDelta', 'restoreBest']);
  const metric = options.metric ?? 'valLoss';
  if (metric !== 'loss' && metric !== 'valLoss' && metric !== 'valAccuracy') {
    throw new InvalidArgumentError(`${WHERE}.metric`, metric, 'must be loss, valLoss or valAccuracy', "pass 'valLoss'");
  }
  const mode = options.mode ?? defaultMode(metric);
  if (mode !== 'min' && mode !== 'max') throw new InvalidArgumentError(`${WHERE}.mode`, mode, 'must be min or max', "pass 'min' for a loss, 'max' for accuracy");
  const patience = options.patience ?? DEFAULT_EARLY_STOPPING_PATIENCE;
  if (!Number.isInteger(patience) || patience < 1) throw new InvalidArgumentError(`${WHERE}.patience`, patience, 'must be a positive integer', 'pass the epochs to wait for an improvement, e.g. 5');
  const minDelta = options.minDelta ?? DEFAULT_EARLY_STOPPING_MIN_DELTA;
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new InvalidArgumentError(`${WHERE}.minDelta`, minDelta, 'must be a finite number >= 0', 'pass 0 or a small positive number');
  const restoreBest = options.restoreBest ?? true;
  if (typeof restoreBest !== 'boolean') throw new InvalidArgumentError(`${WHERE}.restoreBest`, restoreBest, 'must be a boolean', 'pass true or false');
  return { metric, mode, patience, minDelta, restoreBest };
}

export class EarlyStopping {
  best: number;
  bestEpoch: number | undefined;
  private wait = 0;

  constructor(readonly options: ResolvedEarlyStopping) {
    this.best = options.mode === 'min' ? Infinity : -Infinity;
  }

  /** Records an epoch's metric; says whether it is the new best and whether to stop now. */
  observe(epoch: number, value: number): { improved: boolean; stop: boolean } {
    const { mode, minDelta, patience } = this.options;
    if (mode === 'min' ? value < this.best - minDelta : value > this.best + minDelta) {
      this.best = value; this.bestEpoch = epoch; this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait++;
    return { improved: false, stop: this.wait >= patience };
  }
}
