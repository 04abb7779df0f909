// FusedAdam against tf.train.adam (@tensorflow/tfjs-core 4.22 as installed, computed in the
// test): same variables, same gradients, a few steps; weights must agree to 1e-6.
import type { Tensor, Variable } from '@tensorflow/tfjs-node';
import { describe, expect, it } from 'vitest';
import { FusedAdam, type FusedAdamOptions } from '../../lib/models/fused';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';

const SHAPES = [[11, 6], [6], [6, 1], [1]];

function randomTensor(shape: number[], rng: ReturnType<typeof createRng>, scale = 1): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return getTf().tensor(Float32Array.from({ length: size }, () => scale * rng.normal()), shape);
}

function twinVariables(seed: number): [Variable[], Variable[]] {
  const tf = getTf(), rng = createRng(seed);
  const a = SHAPES.map((s) => tf.variable(randomTensor(s, rng)));
  return [a, a.map((v) => tf.variable(v.clone()))];
}

function worstDiff(a: Variable[], b: Variable[]): number {
  let worst = 0;
  a.forEach((v, i) => {
    const x = v.dataSync(), y = b[i]!.dataSync();
    for (let j = 0; j < x.length; j++) worst = Math.max(worst, Math.abs(x[j]! - y[j]!));
  });
  return worst;
}

function compareWithTfjs(options: FusedAdamOptions & { learningRate?: number }, steps: number, gradScale: number): void {
  const tf = getTf(), rng = createRng(7);
  const [ref, ours] = twinVariables(3);
  const reference = tf.train.adam(options.learningRate ?? 0.001, options.beta1, options.beta2, options.epsilon);
  const fused = new FusedAdam(ours, options);
  for (let s = 0; s < steps; s++) {
    const grads = SHAPES.map((shape) => randomTensor(shape, rng, gradScale));
    reference.applyGradients(ref.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
    // Inside tidy, as a training loop calls it: the optimizer's state must survive the scope.
    tf.tidy(() => fused.applyGradients(grads));
    tf.dispose(grads);
  }
  // Non-zero: the step moved the weights, so equality is not trivially from no update.
  expect(worstDiff(ref, twinVariables(3)[0])).toBeGreaterThan(1e-4);
  expect(worstDiff(ref, ours)).toBeLessThanOrEqual(1e-6);
  reference.dispose(); fused.dispose(); tf.dispose([...ref, ...ours]);
}

describe('FusedAdam matches tf.train.adam', () => {
  it('default options, 6 steps', () => compareWithTfjs({}, 6, 1));
  it('custom learning rate, betas and epsilon, tiny and large gradients', () => {
    compareWithTfjs({ learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-4 }, 5, 1e-3);
    compareWithTfjs({ learningRate: 0.05 }, 4, 100);
  });

  it('minimize equals optimizer.minimize on a loss through the variables', () => {
    const tf = getTf();
    const [ref, ours] = twinVariables(5);
    const x = randomTensor([4, 11], createRng(9));
    const loss = (vs: Variable[]) => () => tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(x, vs[0]!), vs[1]!));
      return tf.mean(tf.square(tf.add(tf.matMul(h, vs[2]!), vs[3]!)));
    }) as ReturnType<typeof tf.scalar>;
    const reference = tf.train.adam(0.01), fused = new FusedAdam(ours, { learningRate: 0.01 });
    for (let s = 0; s < 4; s++) {
      const a = reference.minimize(loss(ref), true, ref)!, b = fused.minimize(loss(ours));
      expect(Math.abs(a.dataSync()[0]! - b.dataSync()[0]!)).toBeLessThanOrEqual(1e-6);
      tf.dispose([a, b]);
    }
    expect(worstDiff(ref, ours)).toBeLessThanOrEqual(1e-6);
    reference.dispose(); fused.dispose(); tf.dispose([...ref, ...ours, x]);
  });

  it('leaves no tensor behind across steps', () => {
    const tf = getTf(), rng = createRng(2);
    const [a, b] = twinVariables(1);
    const fused = new FusedAdam(b);
    const grads = SHAPES.map((s) => randomTensor(s, rng));
    fused.applyGradients(grads);
    const before = tf.memory().numTensors;
    for (let s = 0; s < 3; s++) fused.applyGradients(grads);
    expect(tf.memory().numTensors).toBe(before);
    fused.dispose(); tf.dispose([...a, ...b, ...grads]);
  });

  it('rejects bad options, variables and gradients, naming the argument and the fix', () => {
    const tf = getTf();
    const [a, b] = twinVariables(1);
    expect(() => new FusedAdam(b, { learningRate: 0 })).toThrow('FusedAdam options.learningRate = 0: must be a positive finite number. Fix: omit it for tf.train.adam\'s default or pass e.g. 0.001');
    expect(() => new FusedAdam(b, { beta1: 1 })).toThrow('FusedAdam options.beta1 = 1: must be a number in [0, 1). Fix: omit it for tf.train.adam\'s default or pass e.g. 0.9');
    expect(() => new FusedAdam(b, { epsilon: Number.NaN })).toThrow('FusedAdam options.epsilon = NaN: must be a positive finite number');
    expect(() => new FusedAdam(b, { lr: 0.1 } as never)).toThrow('FusedAdam options.lr = 0.1: is not a known option. Fix: use only: learningRate, beta1, beta2, epsilon');
    expect(() => new FusedAdam([])).toThrow('variables = array of length 0: must be a non-empty array of float32 tf.Variables. Fix: pass the layer\'s variables');
    const fused = new FusedAdam(b);
    expect(() => fused.applyGradients([tf.zeros([11, 6])])).toThrow('must be 4 tensors shaped like the variables. Fix: pass the gradients in the order of the variables');
    fused.dispose(); tf.dispose([...a, ...b]);
  });
});
