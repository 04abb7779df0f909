// The few plain tf pieces around the fused recurrent layers: input dropout, layer normalisation,
// attention pooling and the per-sample losses. Each is a handful of tfjs ops, so the tape stays
// short and the fused kernels keep their speed advantage.
import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-node';
import type { Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import { BCE_EPSILON } from '../fused';
import { LAYER_NORM_EPSILON } from './options';

/**
 * Inverted dropout with one mask per sequence and feature, shared by every time step (Keras'
 * recurrent-layer input dropout). Drawn from rng in JS so a seed reproduces it on any platform.
 */
export function sequenceDropout(x: Tensor3D, rate: number, rng: Rng): Tensor3D {
  const [batch, , dim] = x.shape;
  const keep = 1 - rate, scale = 1 / keep;
  const mask = Float32Array.from({ length: batch * dim }, () => (rng.uniform() < keep ? scale : 0));
  const tf = getTf();
  return tf.mul(x, tf.tensor3d(mask, [batch, 1, dim]));
}

/** (x - mean) / sqrt(var + eps) * gamma + beta over the last axis. */
export function layerNorm<T extends Tensor>(x: T, gamma: Tensor1D, beta: Tensor1D): T {
  const tf = getTf();
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON))), gamma), beta) as T;
}

/**
 * Scores each time step of h [batch, time, dim] by h_t . v (v [dim, 1]), softmaxes the scores
 * over time and returns the weighted sum [batch, dim]. A bias would cancel in the softmax.
 */
export function attentionPool(h: Tensor3D, v: Tensor2D): Tensor2D {
  const tf = getTf();
  const [batch, steps, dim] = h.shape;
  const scores = tf.reshape(tf.matMul(tf.reshape(h, [batch * steps, dim]), v), [batch, steps]);
  const weights = tf.reshape(tf.softmax(scores), [batch, steps, 1]);
  return tf.sum(tf.mul(h, weights), 1) as Tensor2D;
}

/** Per-sample binary cross-entropy of logits [batch, 1], probabilities clipped as Keras does. */
export function binaryCrossEntropy(logits: Tensor2D, y: Float32Array): Tensor1D {
  const tf = getTf();
  const p = tf.clipByValue(tf.sigmoid(tf.reshape(logits, [-1])), BCE_EPSILON, 1 - BCE_EPSILON);
  const yt = tf.tensor1d(y);
  return tf.neg(tf.add(tf.mul(yt, tf.log(p)), tf.mul(tf.sub(1, yt), tf.log(tf.sub(1, p))))) as Tensor1D;
}

/** Per-sample softmax cross-entropy of logits [batch, classes] against class indices y. */
export function softmaxCrossEntropy(logits: Tensor2D, y: Float32Array): Tensor1D {
  const tf = getTf();
  const classes = logits.shape[1];
  const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), classes);
  return tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1)) as Tensor1D;
}

/** Per-sample mean squared error of predictions [batch, outputs] against y (row-major). */
export function squaredError(pred: Tensor2D, y: Float32Array): Tensor1D {
  const tf = getTf();
  return tf.mean(tf.square(tf.sub(pred, tf.tensor2d(y, pred.shape))), 1) as Tensor1D;
}
