// Categorical and diagonal-Gaussian log-probabilities and entropies against SciPy 1.17
// (scipy.special.log_softmax, scipy.stats.entropy, scipy.stats.norm.logpdf / entropy), computed
// in the test, to 1e-12; sampling frequencies against the probabilities.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  argmaxRow, categoricalEntropy, categoricalLogProb, gaussianEntropy, gaussianLogProb, sampleCategorical,
} from '../../../lib/rl/agents';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

const ROWS = 20, N = 4, D = 3;
const rng = createRng(11);
const logits = Float64Array.from({ length: ROWS * N }, () => 3 * rng.normal());
const actions = Array.from({ length: ROWS }, () => rng.int(N));
const mean = Float64Array.from({ length: ROWS * D }, () => rng.normal());
const logStd = Float64Array.from([-0.7, 0, 0.9]);
const samples = Float64Array.from({ length: ROWS * D }, () => 2 * rng.normal());

const REFERENCE = `
import numpy as np
from scipy.special import log_softmax
from scipy.stats import entropy, norm
z = np.array(inp['logits']).reshape(-1, inp['n'])
lp = log_softmax(z, axis=1)
a = np.array(inp['actions'])
mu = np.array(inp['mean']).reshape(-1, inp['d'])
std = np.exp(np.array(inp['logStd']))
x = np.array(inp['samples']).reshape(-1, inp['d'])
print(json.dumps({
  'catLogProb': lp[np.arange(len(a)), a].tolist(),
  'catEntropy': entropy(np.exp(lp), axis=1).tolist(),
  'gaussLogProb': norm.logpdf(x, mu, std).sum(axis=1).tolist(),
  'gaussEntropy': float(norm.entropy(0, std).sum()),
}))
`;

function worst(a: ArrayLike<number>, b: readonly number[]): number {
  let w = 0;
  for (let i = 0; i < b.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
}

describe('action distributions', () => {
  let ref: { catLogProb: number[]; catEntropy: number[]; gaussLogProb: number[]; gaussEntropy: number };
  beforeAll(() => {
    ref = runPython(REFERENCE, { logits: Array.from(logits), n: N, actions, mean: Array.from(mean), d: D, logStd: Array.from(logStd), samples: Array.from(samples) });
  });

  it('Categorical log-probability and entropy equal SciPy to 1e-12', () => {
    expect(worst(categoricalLogProb(logits, N, actions), ref.catLogProb)).toBeLessThanOrEqual(1e-12);
    expect(worst(categoricalEntropy(logits, N, ROWS), ref.catEntropy)).toBeLessThanOrEqual(1e-12);
  });

  it('diagonal Gaussian log-probability and entropy equal SciPy to 1e-12', () => {
    expect(worst(gaussianLogProb(mean, logStd, samples, D), ref.gaussLogProb)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(gaussianEntropy(logStd) - ref.gaussEntropy)).toBeLessThanOrEqual(1e-12);
  });

  it('large logits do not overflow (log-sum-exp is shifted)', () => {
    const lp = categoricalLogProb(Float64Array.from([1000, 0, -1000]), 3, [0]);
    expect(lp[0]).toBeCloseTo(0, 12);
    expect(categoricalEntropy(Float64Array.from([1000, 1000]), 2, 1)[0]).toBeCloseTo(Math.log(2), 12);
  });

  it('inverse-CDF sampling draws each action at its probability; argmax takes the first maximum', () => {
    const z = Float64Array.from([Math.log(0.1), Math.log(0.2), Math.log(0.3), Math.log(0.4)]);
    const draws = 40_000, counts = [0, 0, 0, 0], r = createRng(5);
    for (let i = 0; i < draws; i++) counts[sampleCategorical(z, 0, 4, r.uniform())]!++;
    // Binomial standard error at p = 0.4 is 0.0024: 5 standard errors.
    counts.forEach((c, j) => expect(Math.abs(c / draws - (j + 1) / 10)).toBeLessThan(0.012));
    expect(argmaxRow(Float64Array.from([1, 3, 3, 0]), 0, 4)).toBe(1);
  });
});
