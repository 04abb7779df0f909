// One contract for both fused recurrent layers (optuna-style): the same checks run against
// FusedGru and FusedLstm, each compared with its tfjs-layers twin (tf.layers.gru / tf.layers.lstm,
// recurrentActivation 'sigmoid') given identical weights. Reference: @tensorflow/tfjs-layers 4.22
// as installed, computed in the test; tolerance 1e-5, absolute below magnitude 1, relative above.
import type { LayersModel, Tensor, Tensor3D, Variable } from '@tensorflow/tfjs-node';
import { expect } from 'vitest';
import type { FusedGru, FusedLstm, LayersRnnWeights } from '../../lib/models/fused';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';

export const TOLERANCE = 1e-5;

export interface RnnCase {
  readonly kind: 'gru' | 'lstm';
  readonly create: (features: number, units: number, seed: number) => FusedGru | FusedLstm;
  /** Maps the fused layer's variable gradients back to [kernel, recurrentKernel, bias]. */
  readonly gradsToLayers: (grads: Float32Array[], features: number, units: number) => LayersRnnWeights;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  let worst = 0, at = -1;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (err > worst) { worst = err; at = i; }
  }
  expect(worst, `${label}: worst scaled error at ${at} (${actual[at]} vs ${expected[at]})`).toBeLessThanOrEqual(TOLERANCE);
}

function randomArray(n: number, seed: number, scale: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

function layersModel(kind: 'gru' | 'lstm', steps: number, features: number, units: number, sequence: boolean): LayersModel {
  const tf = getTf();
  const model = tf.sequential();
  const config = { units, inputShape: [steps, features], recurrentActivation: 'sigmoid' as const, returnSequences: sequence };
  model.add(kind === 'gru' ? tf.layers.gru(config) : tf.layers.lstm(config));
  return model;
}

interface Pass { out: Float32Array; dx: Float32Array; dWeights: Float32Array[] }

/** Output and gradients of sum(output * probe) w.r.t. x and the weights. */
function pass(apply: (x: Tensor3D) => Tensor, x: Variable, weights: Variable[], probe: Tensor): Pass {
  const tf = getTf();
  return tf.tidy(() => {
    const x3 = x as unknown as Tensor3D;
    const out = apply(x3).dataSync() as Float32Array;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(apply(x3), probe)), [x, ...weights]);
    return {
      out: Float32Array.from(out),
      dx: Float32Array.from(grads[x.name]!.dataSync()),
      dWeights: weights.map((w) => Float32Array.from(grads[w.name]!.dataSync())),
    };
  });
}

/** Forward output and gradients of the fused layer equal the tfjs-layers layer's. */
export function checkMatchesLayers(c: RnnCase, batch: number, steps: number, features: number, units: number, sequence: boolean, seed: number): void {
  const tf = getTf();
  const model = layersModel(c.kind, steps, features, units, sequence);
  const layer = model.layers[0]!;
  // Non-zero biases and weights at initialiser scale (1/sqrt(fan-in)) so every gate path is
  // exercised without saturating the gates.
  const scales = [1 / Math.sqrt(features), 1 / Math.sqrt(units), 0.5];
  const w = layer.getWeights().map((t, i) => randomArray(t.size, seed + i, scales[i]!));
  tf.tidy(() => layer.setWeights(w.map((v, i) => tf.tensor(v, layer.getWeights()[i]!.shape))));
  const x = tf.tidy(() => tf.variable(tf.tensor3d(randomArray(batch * steps * features, seed + 10, 1), [batch, steps, features])));
  const probe = tf.tensor(randomArray(batch * (sequence ? steps : 1) * units, seed + 20, 1), sequence ? [batch, steps, units] : [batch, units]);
  const layerVars = layer.trainableWeights.map((v) => v.read() as Variable);
  const ref = pass((xi) => layer.apply(xi) as Tensor, x, layerVars, probe);
  // tfjs-layers itself keeps a few tensors per call, so the leak count brackets the fused side only.
  const before = tf.memory().numTensors;
  const fused = c.create(features, units, seed);
  fused.setWeights(w);
  const got = pass((xi) => fused.apply(xi, sequence ? 'sequence' : 'last'), x, fused.variables, probe);
  const label = `${c.kind} B${batch} T${steps} F${features} H${units} ${sequence ? 'sequence' : 'last'}`;
  expectClose(got.out, ref.out, `${label} output`);
  expectClose(got.dx, ref.dx, `${label} d/dx`);
  const mapped = c.gradsToLayers(got.dWeights, features, units);
  expectClose(mapped.kernel, ref.dWeights[0]!, `${label} d/dkernel`);
  expectClose(mapped.recurrentKernel, ref.dWeights[1]!, `${label} d/drecurrentKernel`);
  expectClose(mapped.bias, ref.dWeights[2]!, `${label} d/dbias`);
  fused.dispose();
  expect(tf.memory().numTensors).toBe(before);
  model.dispose(); x.dispose(); probe.dispose();
}

/** Training steps and inference leave no tensor behind, in tfjs or in the native runtime. */
export function checkNoLeak(c: RnnCase): void {
  const tf = getTf();
  const native = () => (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding.getNumOfTensors();
  const layer = c.create(3, 4, 1);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.tensor3d(randomArray(5 * 7 * 3, 2, 1), [5, 7, 3]);
  const step = (output: 'last' | 'sequence') => tf.tidy(() => {
    optimizer.minimize(() => tf.sum(tf.square(layer.apply(x, output))), false, layer.variables);
    layer.apply(x, output);
  });
  step('last'); step('sequence'); // creates Adam's slots once
  const before = tf.memory().numTensors, nativeBefore = native();
  for (let i = 0; i < 3; i++) { step('last'); step('sequence'); }
  expect(tf.memory().numTensors).toBe(before);
  expect(native()).toBe(nativeBefore);
  optimizer.dispose(); layer.dispose(); x.dispose();
}

/**
 * Outside a gradient tape the layer takes its prediction path: it keeps nothing for a backward
 * pass (the output is the only tensor left) and its output equals the training path's, computed
 * under variableGrads, to 1e-6.
 */
export function checkInferenceMatchesTraining(c: RnnCase, batch: number, steps: number, features: number, units: number, sequence: boolean, seed: number): void {
  const tf = getTf();
  const layer = c.create(features, units, seed);
  const scales = [1 / Math.sqrt(features), 1 / Math.sqrt(units), 0.5];
  const width = (c.kind === 'gru' ? 3 : 4) * units;
  layer.setWeights([features * width, units * width, width].map((n, i) => randomArray(n, seed + i, scales[i]!)));
  const x = tf.tensor3d(randomArray(batch * steps * features, seed + 10, 1), [batch, steps, features]);
  const output = sequence ? 'sequence' : 'last';
  const created = (run: () => Tensor): { values: Float32Array; tensors: number } => {
    const before = tf.memory().numTensors;
    const y = run();
    return { values: Float32Array.from(y.dataSync()), tensors: tf.memory().numTensors - before };
  };
  const inferred = tf.tidy(() => created(() => layer.apply(x, output)));
  let trained: { values: Float32Array; tensors: number } | undefined;
  tf.tidy(() => {
    tf.variableGrads(() => {
      let y: Tensor | undefined;
      trained = created(() => (y = layer.apply(x, output)));
      return tf.sum(y!);
    }, layer.variables);
  });
  const label = `${c.kind} B${batch} T${steps} H${units} ${output}`;
  expect(inferred.tensors, `${label}: tensors left by the prediction path`).toBe(1);
  expect(trained!.tensors, `${label}: the training path keeps its backward inputs`).toBeGreaterThan(1);
  expect(inferred.values.length).toBe(batch * units * (sequence ? steps : 1));
  let worst = 0;
  for (let i = 0; i < inferred.values.length; i++) worst = Math.max(worst, Math.abs(inferred.values[i]! - trained!.values[i]!));
  expect(worst, `${label}: prediction vs training forward`).toBeLessThanOrEqual(1e-6);
  layer.dispose(); x.dispose();
}
