// The two action distributions of stable-baselines3's MlpPolicy as pure functions over the
// network's outputs, row-major [rows, k]: a Categorical over logits (Discrete actions) and a
// diagonal Gaussian with a state-independent log standard deviation (Box actions). Work in
// double precision on the float32 outputs, so log-probabilities and entropies carry no extra error.

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log softmax of row `row` of `logits` ([rows, n]) into out[0..n). */
export function logSoftmaxRow(logits: ArrayLike<number>, row: number, n: number, out: Float64Array): void {
  const o = row * n;
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, logits[o + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(logits[o + j]! - max);
  const lse = max + Math.log(sum);
  for (let j = 0; j < n; j++) out[j] = logits[o + j]! - lse;
}

/** log p(action) of each row of a Categorical over `logits` [rows, n]; actions are 0-based indices. */
export function categoricalLogProb(logits: ArrayLike<number>, n: number, actions: ArrayLike<number>): Float64Array {
  const rows = actions.length, lp = new Float64Array(n), out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    logSoftmaxRow(logits, r, n, lp);
    out[r] = lp[actions[r]!]!;
  }
  return out;
}

/** Entropy -sum p log p of each row's Categorical. */
export function categoricalEntropy(logits: ArrayLike<number>, n: number, rows: number): Float64Array {
  const lp = new Float64Array(n), out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    logSoftmaxRow(logits, r, n, lp);
    let h = 0;
    for (let j = 0; j < n; j++) h -= Math.exp(lp[j]!) * lp[j]!;
    out[r] = h;
  }
  return out;
}

/** Inverse-CDF draw from row `row`'s Categorical with a uniform `u` in [0, 1). */
export function sampleCategorical(logits: ArrayLike<number>, row: number, n: number, u: number, scratch: Float64Array = new Float64Array(n)): number {
  logSoftmaxRow(logits, row, n, scratch);
  let cumulative = 0;
  for (let j = 0; j < n - 1; j++) {
    cumulative += Math.exp(scratch[j]!);
    if (u < cumulative) return j;
  }
  return n - 1;
}

/** The most probable action of row `row` (the first on ties, as argmax). */
export function argmaxRow(values: ArrayLike<number>, row: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (values[row * n + j]! > values[row * n + best]!) best = j;
  return best;
}

/** log N(action; mean, exp(logStd)) summed over the d action dimensions, per row. */
export function gaussianLogProb(mean: ArrayLike<number>, logStd: ArrayLike<number>, actions: ArrayLike<number>, d: number): Float64Array {
  const rows = actions.length / d, out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const z = (actions[r * d + j]! - mean[r * d + j]!) / Math.exp(logStd[j]!);
      s += -0.5 * z * z - logStd[j]! - HALF_LOG_2PI;
    }
    out[r] = s;
  }
  return out;
}

/** Entropy of the diagonal Gaussian: the same for every state. */
export function gaussianEntropy(logStd: ArrayLike<number>): number {
  let h = 0;
  for (let j = 0; j < logStd.length; j++) h += 0.5 + HALF_LOG_2PI + logStd[j]!;
  return h;
}
