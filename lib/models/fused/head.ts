// A binary classifier's head and loss as one differentiable op: dense(1) -> sigmoid -> mean binary
// cross-entropy, the loss GruClassifier trains on. Built from tfjs ops it costs some forty kernel
// calls per batch, forward and backward, as much as the fused GRU itself; here it is six, and the
// loss and the logit gradient (p - y) / n are computed in JS on the batch's few probabilities.
import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import { getTf } from '../../util/tf';
import * as nat from './native-ops';

/** Keras' epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before the logarithm. */
export const BCE_EPSILON = 1e-7;
// The bounds as float32, as tfjs applies them: 1 - 1e-7 rounds to 1 - 1.19e-7.
const LOWER = Math.fround(BCE_EPSILON), UPPER = Math.fround(1 - BCE_EPSILON);

type GradFunc = (dy: Tensor, saved: Tensor[]) => Tensor[];
type Saver = (tensors: Tensor[]) => void;

/**
 * mean(binaryCrossentropy(y, sigmoid(h kernel + bias))) for h [batch, units], kernel [units, 1],
 * bias [1] and 0/1 labels y (length batch): the value of
 * tf.metrics.binaryCrossentropy(y, tf.sigmoid(tf.add(tf.matMul(h, kernel), bias))).mean(),
 * with gradients to h, kernel and bias (zero where a probability is clipped, as there).
 */
export function sigmoidCrossEntropyHead(h: Tensor2D, kernel: Tensor2D, bias: Tensor1D, y: Float32Array): Scalar {
  const batch = h.shape[0];
  if (!(y instanceof Float32Array) || y.length !== batch) {
    throw new InvalidArgumentError('y', y, `must be a Float32Array of ${batch} labels, one per row of h`, 'pass the batch\'s 0/1 labels');
  }
  const tf = getTf();
  const op = tf.customGrad(((hIn: Tensor, k: Tensor, b: Tensor, save: Saver) => {
    const p = nat.sigmoid(nat.add(nat.matMul(hIn, k), b));
    const probs = p.dataSync() as Float32Array;
    const dLogit = new Float32Array(batch);
    let loss = 0;
    for (let i = 0; i < batch; i++) {
      const q = Math.min(Math.max(probs[i]!, LOWER), UPPER), yi = y[i]!;
      loss -= yi * Math.log(q) + (1 - yi) * Math.log(1 - q);
      dLogit[i] = q === probs[i] ? (probs[i]! - yi) / batch : 0;
    }
    save([hIn, k]);
    const gradFunc: GradFunc = (dy, [hSaved, kSaved]) => {
      const scale = (dy.dataSync() as Float32Array)[0]!;
      const d = tf.tensor2d(scale === 1 ? dLogit : dLogit.map((v) => v * scale), [batch, 1]);
      return [nat.matMul(d, kSaved!, false, true), nat.matMul(hSaved!, d, true), nat.sumRows(d)];
    };
    return { value: tf.scalar(loss / batch), gradFunc };
  }) as never) as unknown as (...inputs: Tensor[]) => Scalar;
  return op(h, kernel, bias);
}
