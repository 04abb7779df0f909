// PPO's minibatch objective (stable-baselines3's PPO.train, without value clipping) and its exact
// gradient with respect to the network outputs, as a pure function: the clipped surrogate on
// normalized advantages, the squared error of the value head, and the entropy bonus. The
// network's backward pass starts from these output gradients, so the loss is computed once, in
// double precision, on the float32 outputs. Ties in min/clamp are split as PyTorch's autograd does.
import { logSoftmaxRow } from './distributions';

export interface PpoLossInput {
  readonly distribution: 'categorical' | 'gaussian';
  /** Policy head outputs [rows, k]: logits (categorical) or means (gaussian). */
  readonly policyOut: ArrayLike<number>;
  /** k: the number of actions (categorical) or action dimensions (gaussian). */
  readonly k: number;
  /** Value head outputs, one per row. */
  readonly values: ArrayLike<number>;
  /** The Gaussian's log standard deviations, length k (ignored for categorical). */
  readonly logStd?: ArrayLike<number>;
  /** Actions: 0-based indices [rows] (categorical) or unclipped samples [rows, k] (gaussian). */
  readonly actions: ArrayLike<number>;
  readonly oldLogProb: ArrayLike<number>;
  readonly advantages: ArrayLike<number>;
  readonly returns: ArrayLike<number>;
  readonly clipRange: number;
  readonly entCoef: number;
  readonly vfCoef: number;
  readonly normalizeAdvantage: boolean;
}

export interface PpoLossResult {
  readonly loss: number;
  readonly policyLoss: number;
  readonly valueLoss: number;
  /** -mean entropy. */
  readonly entropyLoss: number;
  /** mean((r - 1) - log r), Schulman's low-variance KL estimate. */
  readonly approxKl: number;
  /** Share of rows whose ratio left [1 - clip, 1 + clip]. */
  readonly clipFraction: number;
  /** d loss / d policyOut, [rows, k]. */
  readonly dPolicyOut: Float64Array;
  /** d loss / d values. */
  readonly dValues: Float64Array;
  /** d loss / d logStd (gaussian; zeros for categorical). */
  readonly dLogStd: Float64Array;
}

/** The PPO loss of one minibatch and its gradients with respect to the policy and value outputs. */
export function ppoLoss(input: PpoLossInput): PpoLossResult {
  const { policyOut, k, values, actions, oldLogProb, returns, clipRange: c, entCoef, vfCoef } = input;
  const rows = oldLogProb.length;
  const adv = normalizedAdvantages(input.advantages, input.normalizeAdvantage);
  const gaussian = input.distribution === 'gaussian';
  const logStd = input.logStd ?? new Float64Array(k);
  const dPolicyOut = new Float64Array(rows * k), dValues = new Float64Array(rows), dLogStd = new Float64Array(k);
  const lp = new Float64Array(k);
  let pg = 0, vl = 0, entropySum = 0, kl = 0, clipped = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    // log-probability of the taken action, and its gradient wrt this row's outputs (into dPolicyOut, scaled below).
    let logProb = 0, entropy = 0;
    if (gaussian) {
      for (let j = 0; j < k; j++) {
        const std = Math.exp(logStd[j]!), z = (actions[o + j]! - policyOut[o + j]!) / std;
        logProb += -0.5 * z * z - logStd[j]! - 0.5 * Math.log(2 * Math.PI);
        entropy += 0.5 + 0.5 * Math.log(2 * Math.PI) + logStd[j]!;
      }
    } else {
      logSoftmaxRow(policyOut, r, k, lp);
      logProb = lp[actions[r]!]!;
      for (let j = 0; j < k; j++) entropy -= Math.exp(lp[j]!) * lp[j]!;
    }
    const logRatio = logProb - oldLogProb[r]!, ratio = Math.exp(logRatio);
    const a = adv[r]!, lo = 1 - c, hi = 1 + c;
    const clamped = Math.min(Math.max(ratio, lo), hi), inside = ratio >= lo && ratio <= hi ? 1 : 0;
    const s1 = a * ratio, s2 = a * clamped;
    pg -= Math.min(s1, s2);
    // d min(s1, s2) / d ratio, PyTorch's rule: the smaller side's gradient, half of each on a tie.
    const dMin = s1 < s2 ? a : s1 > s2 ? a * inside : 0.5 * a + 0.5 * a * inside;
    const dLogProb = (-dMin * ratio) / rows;
    if (gaussian) {
      for (let j = 0; j < k; j++) {
        const std = Math.exp(logStd[j]!), diff = actions[o + j]! - policyOut[o + j]!;
        dPolicyOut[o + j] = (dLogProb * diff) / (std * std);
        dLogStd[j] = dLogStd[j]! + dLogProb * ((diff * diff) / (std * std) - 1) - entCoef / rows;
      }
    } else {
      const action = actions[r]!;
      for (let j = 0; j < k; j++) {
        const p = Math.exp(lp[j]!);
        const dEntropyLoss = (p * (lp[j]! + entropy)) / rows;
        dPolicyOut[o + j] = dLogProb * ((j === action ? 1 : 0) - p) + entCoef * dEntropyLoss;
      }
    }
    const err = returns[r]! - values[r]!;
    vl += err * err;
    dValues[r] = (-2 * vfCoef * err) / rows;
    entropySum += entropy;
    kl += ratio - 1 - logRatio;
    if (Math.abs(ratio - 1) > c) clipped++;
  }
  const policyLoss = pg / rows, valueLoss = vl / rows, entropyLoss = -entropySum / rows;
  return {
    loss: policyLoss + entCoef * entropyLoss + vfCoef * valueLoss, policyLoss, valueLoss, entropyLoss,
    approxKl: kl / rows, clipFraction: clipped / rows, dPolicyOut, dValues, dLogStd,
  };
}

/** (a - mean) / (sample std + 1e-8) as stable-baselines3 (torch's unbiased std); unchanged for one row. */
export function normalizedAdvantages(advantages: ArrayLike<number>, normalize: boolean): Float64Array {
  const n = advantages.length, out = Float64Array.from(advantages);
  if (!normalize || n < 2) return out;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += out[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (out[i]! - mean) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  for (let i = 0; i < n; i++) out[i] = (out[i]! - mean) / (std + 1e-8);
  return out;
}
