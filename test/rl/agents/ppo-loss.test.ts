// The PPO minibatch loss and its output gradients three ways: a hand calculation, tf.js autodiff
// of the same loss written with tf ops (@tensorflow/tfjs 4.22, float32: 1e-5), and central finite
// differences of our double-precision loss (1e-7). Rows are placed inside and outside the clip
// range with both signs of advantage, so every branch of min/clamp is exercised.
import { describe, expect, it } from 'vitest';
import { normalizedAdvantages, ppoLoss, type PpoLossInput } from '../../../lib/rl/agents';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';

const ROWS = 24;

function batch(distribution: 'categorical' | 'gaussian', k: number, seed: number): PpoLossInput {
  const rng = createRng(seed);
  const policyOut = Float64Array.from({ length: ROWS * k }, () => rng.normal());
  const logStd = Float64Array.from({ length: k }, () => 0.3 * rng.normal());
  const actions = distribution === 'categorical'
    ? Float64Array.from({ length: ROWS }, () => rng.int(k))
    : Float64Array.from({ length: ROWS * k }, (_, i) => policyOut[i]! + 0.8 * rng.normal());
  // Old log-probabilities that put ratios from about 0.5 to 2: many rows are clipped.
  const input = { distribution, policyOut, k, values: Float64Array.from({ length: ROWS }, () => rng.normal()), logStd, actions };
  return {
    ...input,
    oldLogProb: Float64Array.from({ length: ROWS }, (_, r) => logProbOf(input, r) + 0.7 * (2 * rng.uniform() - 1)),
    advantages: Float64Array.from({ length: ROWS }, () => 2 * rng.normal() + 0.3),
    returns: Float64Array.from({ length: ROWS }, () => 2 * rng.normal()),
    clipRange: 0.2, entCoef: 0.01, vfCoef: 0.5, normalizeAdvantage: true,
  };
}

function logProbOf(input: Pick<PpoLossInput, 'distribution' | 'policyOut' | 'k' | 'logStd' | 'actions'>, r: number): number {
  const { policyOut: z, k } = input;
  if (input.distribution === 'categorical') {
    let max = -Infinity, sum = 0;
    for (let j = 0; j < k; j++) max = Math.max(max, z[r * k + j]!);
    for (let j = 0; j < k; j++) sum += Math.exp(z[r * k + j]! - max);
    return z[r * k + input.actions[r]!]! - max - Math.log(sum);
  }
  let lp = 0;
  for (let j = 0; j < k; j++) {
    const s = Math.exp(input.logStd![j]!), d = (input.actions[r * k + j]! - z[r * k + j]!) / s;
    lp += -0.5 * d * d - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
  }
  return lp;
}

/** The same loss written with tf.js ops; returns the loss and autodiff gradients wrt outputs, values and logStd. */
function tfjsReference(input: PpoLossInput) {
  const tf = getTf();
  const { k } = input, gaussian = input.distribution === 'gaussian';
  const adv = tf.tensor1d(Array.from(normalizedAdvantages(input.advantages, input.normalizeAdvantage)));
  const old = tf.tensor1d(Array.from(input.oldLogProb)), ret = tf.tensor1d(Array.from(input.returns));
  const f = (z: import('@tensorflow/tfjs-node').Tensor, v: import('@tensorflow/tfjs-node').Tensor, ls: import('@tensorflow/tfjs-node').Tensor) => {
    let lp, entropy;
    if (gaussian) {
      const a = tf.tensor2d(Array.from(input.actions), [ROWS, k]);
      const d = tf.div(tf.sub(a, z), tf.exp(ls));
      lp = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(d)), ls), 0.5 * Math.log(2 * Math.PI)), 1);
      entropy = tf.mul(tf.ones([ROWS]), tf.sum(tf.add(0.5 + 0.5 * Math.log(2 * Math.PI), ls)));
    } else {
      const logp = tf.logSoftmax(z);
      lp = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(Array.from(input.actions), 'int32'), k)), 1);
      // logStd takes no part in a Categorical; tf.grads needs every input on the path.
      entropy = tf.add(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1)), tf.mul(0, tf.sum(ls)));
    }
    const ratio = tf.exp(tf.sub(lp, old));
    const pg = tf.neg(tf.mean(tf.minimum(tf.mul(adv, ratio), tf.mul(adv, tf.clipByValue(ratio, 1 - input.clipRange, 1 + input.clipRange)))));
    const vl = tf.mean(tf.square(tf.sub(ret, v)));
    return tf.add(tf.add(pg, tf.mul(input.entCoef, tf.neg(tf.mean(entropy)))), tf.mul(input.vfCoef, vl)) as import('@tensorflow/tfjs-node').Scalar;
  };
  const z = tf.tensor2d(Array.from(input.policyOut), [ROWS, k]), v = tf.tensor1d(Array.from(input.values)), ls = tf.tensor1d(Array.from(input.logStd!));
  const { value, grads } = tf.valueAndGrads(f)([z, v, ls]);
  const out = { loss: value.dataSync()[0]!, dz: grads[0]!.dataSync(), dv: grads[1]!.dataSync(), dls: grads[2]!.dataSync() };
  tf.dispose([adv, old, ret, z, v, ls, value, ...grads]);
  return out;
}

function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < b.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return w;
}

describe('ppoLoss', () => {
  it('hand calculation: one clipped row, one row at ratio 1 (a min/clamp tie)', () => {
    const r = ppoLoss({
      distribution: 'categorical', policyOut: [0, 0, 0, 0], k: 2, values: [1, 2], actions: [0, 1], oldLogProb: [Math.log(0.25), Math.log(0.5)],
      advantages: [1, -2], returns: [0, 4], clipRange: 0.2, entCoef: 0, vfCoef: 0.5, normalizeAdvantage: false,
    });
    // Row 0: ratio 2, advantage 1: the clipped term 1.2 is the minimum, no gradient. Row 1: ratio 1,
    // advantage -2: both terms -2, gradient -2 d ratio. pg = -(1.2 - 2) / 2.
    expect(r.policyLoss).toBeCloseTo(0.4, 14);
    expect(r.valueLoss).toBeCloseTo((1 + 4) / 2, 14);
    expect(r.loss).toBeCloseTo(0.4 + 0.5 * 2.5, 14);
    expect(r.entropyLoss).toBeCloseTo(-Math.log(2), 14);
    expect(r.clipFraction).toBe(0.5);
    expect(r.approxKl).toBeCloseTo((1 - Math.log(2)) / 2, 14);
    // d pg / d lp1 = -(-2) * 1 / 2 = 1; d lp1 / d z1 = onehot(1) - p = [-0.5, 0.5].
    expect(Array.from(r.dPolicyOut)).toEqual([0, 0, -0.5, 0.5]);
    expect(Array.from(r.dValues)).toEqual([0.5, -1]);
  });

  for (const [distribution, k] of [['categorical', 3], ['gaussian', 2]] as const) {
    it(`${distribution}: loss and gradients equal tf.js autodiff (float32, 1e-5)`, () => {
      const input = batch(distribution, k, distribution === 'categorical' ? 1 : 2);
      const ours = ppoLoss(input), ref = tfjsReference(input);
      expect(ours.clipFraction).toBeGreaterThan(0.2);
      expect(ours.clipFraction).toBeLessThan(0.9);
      expect(Math.abs(ours.loss - ref.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref.loss)));
      expect(worstRelative(ours.dPolicyOut, ref.dz)).toBeLessThanOrEqual(1e-5);
      expect(worstRelative(ours.dValues, ref.dv)).toBeLessThanOrEqual(1e-5);
      if (distribution === 'gaussian') expect(worstRelative(ours.dLogStd, ref.dls)).toBeLessThanOrEqual(1e-5);
      expect(Array.from(ours.dPolicyOut).some((g) => Math.abs(g) > 1e-3)).toBe(true);
    });

    it(`${distribution}: gradients equal central finite differences of the loss (1e-7)`, () => {
      const input = batch(distribution, k, distribution === 'categorical' ? 3 : 4);
      const ours = ppoLoss(input), h = 1e-6;
      const numeric = (field: 'policyOut' | 'values' | 'logStd', i: number) => {
        const plus = Float64Array.from(input[field]!), minus = Float64Array.from(input[field]!);
        plus[i] = plus[i]! + h; minus[i] = minus[i]! - h;
        return (ppoLoss({ ...input, [field]: plus }).loss - ppoLoss({ ...input, [field]: minus }).loss) / (2 * h);
      };
      const fd = (field: 'policyOut' | 'values' | 'logStd', n: number) => Float64Array.from({ length: n }, (_, i) => numeric(field, i));
      expect(worstRelative(ours.dPolicyOut, fd('policyOut', ROWS * k))).toBeLessThanOrEqual(1e-7);
      expect(worstRelative(ours.dValues, fd('values', ROWS))).toBeLessThanOrEqual(1e-7);
      if (distribution === 'gaussian') expect(worstRelative(ours.dLogStd, fd('logStd', k))).toBeLessThanOrEqual(1e-7);
    });
  }

  it('normalizes advantages with the sample standard deviation, leaving a single row alone', () => {
    const a = normalizedAdvantages(Float64Array.from([1, 2, 3, 6]), true);
    const std = Math.sqrt(((1 - 3) ** 2 + 1 + 0 + 9) / 3);
    expect(a[0]).toBeCloseTo(-2 / (std + 1e-8), 14);
    expect(Array.from(normalizedAdvantages(Float64Array.from([5]), true))).toEqual([5]);
  });
});
