// The fused classifier head against the tfjs ops GruClassifier trains with (reference: tfjs 4.22,
// tf.metrics.binaryCrossentropy, computed in the test), tolerance 1e-5 scaled as in the contract.
import type { Scalar, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs-node';
import { describe, expect, it } from 'vitest';
import { sigmoidCrossEntropyHead } from '../../lib/models/fused';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';
import { expectClose } from './fused-rnn-contract';

function check(batch: number, units: number, seed: number, logitScale: number): void {
  const tf = getTf(), rng = createRng(seed);
  const arr = (n: number, s: number) => Float32Array.from({ length: n }, () => s * rng.normal());
  const y = Float32Array.from({ length: batch }, () => (rng.uniform() < 0.5 ? 1 : 0));
  const h = tf.variable(tf.tensor2d(arr(batch * units, 1), [batch, units]));
  const k = tf.variable(tf.tensor2d(arr(units, logitScale), [units, 1]));
  const b = tf.variable(tf.tensor1d(arr(1, 1)));
  const vars = [h, k, b] as Variable[];
  const run = (loss: () => Scalar) => tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, vars);
    return [value.dataSync(), ...vars.map((v) => grads[v.name]!.dataSync())].map((a) => Float32Array.from(a));
  });
  const ref = run(() => tf.metrics.binaryCrossentropy(tf.tensor2d(y, [batch, 1]), tf.sigmoid(tf.add(tf.matMul(h, k), b))).mean() as Scalar);
  const before = tf.memory().numTensors;
  const got = run(() => tf.mul(sigmoidCrossEntropyHead(h as Tensor2D, k as Tensor2D, b as Tensor1D, y), 1) as Scalar);
  expect(tf.memory().numTensors).toBe(before);
  ['loss', 'd/dh', 'd/dkernel', 'd/dbias'].forEach((label, i) => expectClose(got[i]!, ref[i]!, `B${batch} ${label}`));
  tf.dispose(vars);
}

describe('sigmoidCrossEntropyHead', () => {
  it('equals dense -> sigmoid -> tf.metrics.binaryCrossentropy, value and gradients', () => check(32, 64, 1, 0.2));
  it('equals it when probabilities saturate and are clipped', () => check(7, 4, 2, 30));

  it('rejects labels that do not match the batch', () => {
    const tf = getTf();
    const h = tf.zeros([3, 2]) as Tensor2D, k = tf.zeros([2, 1]) as Tensor2D, b = tf.zeros([1]) as Tensor1D;
    expect(() => sigmoidCrossEntropyHead(h, k, b, new Float32Array(2))).toThrow('y = array of length 2: must be a Float32Array of 3 labels, one per row of h. Fix: pass the batch\'s 0/1 labels');
    tf.dispose([h, k, b]);
  });
});
