// Running mean and variance of a stream of vectors (Chan et al.'s parallel update, as in
// Gymnasium's and stable-baselines3's RunningMeanStd): mean 0, variance 1 and a pseudo-count of
// 1e-4 before the first sample, so the first update all but replaces them.
import { InvalidArgumentError } from '../../../util/errors';

export const DEFAULT_RMS_INITIAL_COUNT = 1e-4;

export interface RunningMeanStdJSON {
  readonly mean: number[];
  readonly var: number[];
  readonly count: number;
}

export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count = DEFAULT_RMS_INITIAL_COUNT;

  constructor(readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new InvalidArgumentError('size', size, 'must be a whole number >= 1', 'pass the number of elements of one sample');
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
  }

  /** Adds one sample (a batch of one: its own variance is 0). */
  update(x: ArrayLike<number>): void {
    const total = this.count + 1;
    for (let i = 0; i < this.size; i++) {
      const delta = x[i]! - this.mean[i]!;
      this.mean[i] = this.mean[i]! + delta / total;
      this.var[i] = (this.var[i]! * this.count + (delta * delta * this.count) / total) / total;
    }
    this.count = total;
  }

  toJSON(): RunningMeanStdJSON {
    return { mean: Array.from(this.mean), var: Array.from(this.var), count: this.count };
  }

  static fromJSON(json: RunningMeanStdJSON, argument = 'json'): RunningMeanStd {
    const ok = json !== null && typeof json === 'object' && Array.isArray(json.mean) && Array.isArray(json.var) &&
      json.mean.length === json.var.length && json.mean.length > 0 && typeof json.count === 'number' && json.count > 0;
    if (!ok) throw new InvalidArgumentError(argument, json, 'is not running statistics { mean, var, count }', 'pass what rms.toJSON() returned');
    const rms = new RunningMeanStd(json.mean.length);
    rms.mean.set(json.mean);
    rms.var.set(json.var);
    rms.count = json.count;
    return rms;
  }
}
