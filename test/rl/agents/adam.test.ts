// FlatAdam against tf.train.adam (tfjs 4.22, computed in the test; the same update as
// torch.optim.Adam: m_hat / (sqrt(v_hat) + eps)) at a constant rate, and against that arithmetic
// written with tf ops while the rate changes between steps (tf.train.adam's rate is fixed) as
// PPO's linear schedule does; clipGradNorm against its definition.
import { describe, expect, it } from 'vitest';
import { clipGradNorm, FlatAdam } from '../../../lib/rl/agents';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';

describe('FlatAdam', () => {
  it('follows Adam written with tf ops step for step while the learning rate changes (float32, 1e-6)', () => {
    const tf = getTf(), rng = createRng(2), n = 50, eps = 1e-5;
    const start = Float32Array.from({ length: n }, () => rng.normal());
    const ours = new FlatAdam(Float32Array.from(start), eps);
    const reference = tf.variable(tf.tensor1d(start));
    for (const [step, lr] of [0.01, 0.01, 0.005, 0.002, 0.001].entries()) {
      const g = Float64Array.from({ length: n }, () => (step + 1) * rng.normal());
      ours.step(g, lr);
      referenceStep(reference, g, lr, eps, step + 1);
    }
    const got = ours.params, want = reference.dataSync();
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(got[0]! - start[0]!)).toBeGreaterThan(1e-3);
    expect(ours.steps).toBe(5);
    reference.dispose();
  });

  it('with a constant rate equals tf.train.adam itself (5e-6)', () => {
    const tf = getTf(), rng = createRng(3), n = 20;
    const start = Float32Array.from({ length: n }, () => rng.normal());
    const ours = new FlatAdam(Float32Array.from(start), 1e-7);
    const v = tf.variable(tf.tensor1d(start));
    const opt = tf.train.adam(0.02, 0.9, 0.999, 1e-7);
    for (let s = 0; s < 6; s++) {
      const g = Float64Array.from({ length: n }, () => rng.normal());
      ours.step(g, 0.02);
      const gt = tf.tensor1d(Float32Array.from(g));
      opt.applyGradients([{ name: v.name, tensor: gt }]);
      gt.dispose();
    }
    const want = v.dataSync();
    // tfjs keeps its moments in float32, ours in double: a few float32 ulps of weights near 2.
    ours.params.forEach((p, i) => expect(Math.abs(p - want[i]!)).toBeLessThanOrEqual(5e-6));
    opt.dispose(); v.dispose();
  });

  it('rejects gradients of the wrong length', () => {
    expect(() => new FlatAdam(new Float32Array(3), 1e-8).step(new Float64Array(2), 0.1)).toThrow(/grads = array of length 2: must hold 3 values/);
  });
});

/** torch.optim.Adam's arithmetic written with tf ops on the variable, moments kept across rate changes. */
const moments = new WeakMap<object, { m: Float64Array; v: Float64Array }>();
function referenceStep(variable: import('@tensorflow/tfjs-node').Variable, g: Float64Array, lr: number, eps: number, t: number): void {
  const tf = getTf();
  const state = moments.get(variable) ?? { m: new Float64Array(g.length), v: new Float64Array(g.length) };
  moments.set(variable, state);
  tf.tidy(() => {
    const gt = tf.tensor1d(Float32Array.from(g));
    const m = tf.add(tf.mul(0.9, tf.tensor1d(Float32Array.from(state.m))), tf.mul(0.1, gt));
    const v = tf.add(tf.mul(0.999, tf.tensor1d(Float32Array.from(state.v))), tf.mul(0.001, tf.square(gt)));
    state.m.set(m.dataSync()); state.v.set(v.dataSync());
    const mHat = tf.div(m, 1 - 0.9 ** t), vHat = tf.div(v, 1 - 0.999 ** t);
    variable.assign(tf.sub(variable, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(vHat), eps)))));
  });
}

describe('clipGradNorm', () => {
  it('scales to maxNorm / (norm + 1e-6) above the limit and leaves smaller gradients alone', () => {
    const g = Float64Array.from([3, 4]);
    expect(clipGradNorm(g, 1)).toBe(5);
    expect(g[0]).toBeCloseTo(3 / (5 + 1e-6), 14);
    expect(g[1]).toBeCloseTo(4 / (5 + 1e-6), 14);
    const small = Float64Array.from([0.3, 0.4]);
    expect(clipGradNorm(small, 1)).toBeCloseTo(0.5, 14);
    expect(Array.from(small)).toEqual([0.3, 0.4]);
  });
});
