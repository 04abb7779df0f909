// Windows as TensorFlow tensors. Kept apart from windows.ts so that the dataset domain loads
// without TensorFlow: getTf() requires it on the first call, not at import.
import type { Tensor1D, Tensor3D } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../util/errors';
import { getTf } from '../util/tf';
import type { Windows } from './windows';

export interface WindowTensors {
  /** [samples, lookback, features] float32. */
  readonly x: Tensor3D;
  /** [samples] float32, when the windows carry labels. */
  readonly y?: Tensor1D;
}

/** Copies windows into new tensors; the caller owns them and must dispose() them. */
export function windowsTensor(windows: Windows): WindowTensors {
  if (windows == null || !(windows.x instanceof Float32Array) || windows.x.length !== windows.samples * windows.lookback * windows.features) {
    throw new InvalidArgumentError('windows', windows, 'is not the result of slidingWindows', 'pass slidingWindows(columns, { lookback, range, labels })');
  }
  if (windows.samples === 0) {
    throw new InvalidArgumentError('windows.samples', 0, 'a tensor needs at least one window', 'use a longer range or a shorter lookback');
  }
  const tf = getTf();
  const x = tf.tensor3d(windows.x, [windows.samples, windows.lookback, windows.features], 'float32');
  return windows.y ? { x, y: tf.tensor1d(windows.y, 'float32') } : { x };
}
