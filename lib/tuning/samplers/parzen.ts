// The Parzen estimator behind TPE: one kernel per observation plus a broad prior kernel, as a
// mixture of products over dimensions. Numerical dimensions get truncated normals (in log space
// for log ranges; discretised to the step for stepped and integer ones), categorical ones a
// smoothed indicator: each observation's row puts mass 1 on its choice plus prior_weight spread
// over all choices. Mirrors Optuna 5's _ParzenEstimator so the components agree to rounding.
import { InvalidArgumentError } from '../../util/errors';
import type { Rng } from '../../util/random';
import type { Distribution } from '../distributions';
import { logGaussMass, LOG_SQRT_TWO_PI, truncnormPpf } from './truncnorm';
import { roundToGrid } from './uniform';

export interface ParzenParameters {
  readonly priorWeight: number;
  /** Floor kernel widths at range / min(100, 1 + number of kernels). */
  readonly considerMagicClip: boolean;
  /** Let the range's ends count as neighbours of the outermost observations. */
  readonly considerEndpoints: boolean;
  /** Observation weights, oldest first, for n observations. */
  readonly weights: (n: number) => ArrayLike<number>;
}

export interface NumericalKernels {
  readonly kind: 'numerical';
  /** Kernel centres and widths, in log space for log ranges; the prior kernel last. */
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  readonly low: number;
  readonly high: number;
  /** 0 when continuous. */
  readonly step: number;
  readonly log: boolean;
  /** The range the kernels are truncated to, transformed (widened by step / 2, logged). */
  readonly adaptedLow: number;
  readonly adaptedHigh: number;
}

export interface CategoricalKernels {
  readonly kind: 'categorical';
  readonly nChoices: number;
  /** Row k: kernel k's probability of each choice (row-major, kernels x choices). */
  readonly probabilities: Float64Array;
}

export type Kernels = NumericalKernels | CategoricalKernels;

export interface ParzenEstimator {
  readonly names: readonly string[];
  /** Mixture weights, summing to 1. */
  readonly weights: Float64Array;
  readonly kernels: readonly Kernels[];
}

const EPS = 1e-12;

/** `observations[name]` holds internal values in trial order, the same length for every name. */
export function buildParzenEstimator(
  observations: Readonly<Record<string, Float64Array>>,
  searchSpace: Readonly<Record<string, Distribution>>,
  params: ParzenParameters,
): ParzenEstimator {
  const names = Object.keys(searchSpace);
  const n = names.length ? observations[names[0]!]!.length : 0;
  return {
    names,
    weights: mixtureWeights(n, params),
    kernels: names.map((name) => {
      const d = searchSpace[name]!;
      return d.kind === 'categorical' ? categoricalKernels(observations[name]!, d.choices.length, params) : numericalKernels(observations[name]!, d, params);
    }),
  };
}

function mixtureWeights(n: number, params: ParzenParameters): Float64Array {
  if (n === 0) return Float64Array.of(1);
  const raw = Array.from(params.weights(n)).slice(0, n);
  if (raw.length < n || raw.some((w) => !(w >= 0) || !Number.isFinite(w)) || raw.every((w) => w === 0)) {
    throw new InvalidArgumentError('options.weights', `weights(${n}) = [${raw.slice(0, 5).join(', ')}${raw.length > 5 ? ', ...' : ''}]`, `must return ${n} finite non-negative numbers, not all zero`, 'fix the weights function or leave it out');
  }
  const w = Float64Array.from([...raw, params.priorWeight]);
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += w[i]!;
  for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
}

function categoricalKernels(observed: Float64Array, nChoices: number, params: ParzenParameters): CategoricalKernels {
  if (observed.length === 0) return { kind: 'categorical', nChoices, probabilities: new Float64Array(nChoices).fill(1 / nChoices) };
  const nKernels = observed.length + 1;
  const p = new Float64Array(nKernels * nChoices).fill(params.priorWeight / nKernels);
  for (let k = 0; k < observed.length; k++) p[k * nChoices + observed[k]!]! += 1;
  for (let k = 0; k < nKernels; k++) {
    let sum = 0;
    for (let c = 0; c < nChoices; c++) sum += p[k * nChoices + c]!;
    if (sum !== 0) for (let c = 0; c < nChoices; c++) p[k * nChoices + c]! /= sum;
  }
  return { kind: 'categorical', nChoices, probabilities: p };
}

function numericalKernels(observed: Float64Array, d: Exclude<Distribution, { kind: 'categorical' }>, params: ParzenParameters): NumericalKernels {
  const step = d.step ?? 0;
  let low = d.low - step / 2, high = d.high + step / 2;
  const n = observed.length;
  const mus = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) mus[i] = d.log ? Math.log(observed[i]!) : observed[i]!;
  if (d.log) { low = Math.log(low); high = Math.log(high); }
  const sigmas = new Float64Array(n + 1);
  // Width: distance to the farther sorted neighbour (the range ends act as neighbours).
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => mus[i]! - mus[j]! || i - j);
  const sorted = [low, ...order.map((i) => mus[i]!), high];
  const sortedSigmas = new Float64Array(n);
  for (let i = 0; i < n; i++) sortedSigmas[i] = Math.max(sorted[i + 1]! - sorted[i]!, sorted[i + 2]! - sorted[i + 1]!);
  if (!params.considerEndpoints && n >= 2) {
    sortedSigmas[0] = sorted[2]! - sorted[1]!;
    sortedSigmas[n - 1] = sorted[n]! - sorted[n - 1]!;
  }
  const maxSigma = high - low;
  const minSigma = params.considerMagicClip ? (high - low) / Math.min(100, 1 + (n + 1)) : EPS;
  for (let i = 0; i < n; i++) sigmas[order[i]!] = Math.min(Math.max(sortedSigmas[i]!, minSigma), maxSigma);
  mus[n] = 0.5 * (low + high);
  sigmas[n] = high - low;
  return { kind: 'numerical', mus, sigmas, low: d.low, high: d.high, step, log: d.log, adaptedLow: low, adaptedHigh: high };
}

/**
 * `size` draws from the mixture, one Float64Array of internal values per dimension. The stream is
 * consumed in Optuna's order (kernel picks, then each categorical dimension, then the numerical
 * ones dimension by dimension), so a NumPy-compatible `rng` gives Optuna's very draws.
 */
export function sampleParzen(pe: ParzenEstimator, rng: Rng, size: number): Float64Array[] {
  // numpy's RandomState.choice: the cumulative weights scaled to end at 1, searched from the right.
  const cdf = new Float64Array(pe.weights.length);
  let acc = 0;
  for (let k = 0; k < pe.weights.length; k++) cdf[k] = acc += pe.weights[k]!;
  for (let k = 0; k < cdf.length; k++) cdf[k]! /= acc;
  const active = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const u = rng.uniform();
    let k = 0;
    while (k < cdf.length - 1 && cdf[k]! <= u) k++;
    active[i] = k;
  }
  const out = pe.kernels.map(() => new Float64Array(size));
  pe.kernels.forEach((kern, d) => {
    if (kern.kind !== 'categorical') return;
    for (let i = 0; i < size; i++) {
      const row = active[i]! * kern.nChoices;
      const u = rng.uniform();
      let c = 0, cum = kern.probabilities[row]!;
      while (c < kern.nChoices - 1 && cum < u) cum += kern.probabilities[row + ++c]!;
      out[d]![i] = c;
    }
  });
  pe.kernels.forEach((kern, d) => {
    if (kern.kind === 'categorical') return;
    for (let i = 0; i < size; i++) {
      const k = active[i]!;
      const mu = kern.mus[k]!, sigma = kern.sigmas[k]!;
      let x = truncnormPpf(rng.uniform(), (kern.adaptedLow - mu) / sigma, (kern.adaptedHigh - mu) / sigma) * sigma + mu;
      if (kern.log) x = Math.exp(x);
      out[d]![i] = kern.step > 0 ? roundToGrid(x, kern.low, kern.high, kern.step) : x;
    }
  });
  return out;
}

/** log density (log mass for discrete dimensions) of the mixture at each sample. */
export function logPdfParzen(pe: ParzenEstimator, samples: readonly Float64Array[]): Float64Array {
  const size = samples.length ? samples[0]!.length : 0;
  const nk = pe.weights.length;
  const table = new Float64Array(size * nk); // sample x kernel
  for (let i = 0; i < size; i++) for (let k = 0; k < nk; k++) table[i * nk + k] = Math.log(pe.weights[k]!);
  pe.kernels.forEach((kern, dim) => {
    const x = samples[dim]!;
    if (kern.kind === 'categorical') {
      for (let i = 0; i < size; i++) for (let k = 0; k < nk; k++) table[i * nk + k]! += Math.log(kern.probabilities[k * kern.nChoices + x[i]!]!);
      return;
    }
    const logMass = new Float64Array(nk);
    for (let k = 0; k < nk; k++) logMass[k] = logGaussMass((kern.adaptedLow - kern.mus[k]!) / kern.sigmas[k]!, (kern.adaptedHigh - kern.mus[k]!) / kern.sigmas[k]!);
    for (let i = 0; i < size; i++) {
      if (kern.step > 0) {
        const left = kern.log ? Math.log(x[i]! - kern.step / 2) : x[i]! - kern.step / 2;
        const right = kern.log ? Math.log(x[i]! + kern.step / 2) : x[i]! + kern.step / 2;
        for (let k = 0; k < nk; k++) {
          const mu = kern.mus[k]!, sigma = kern.sigmas[k]!;
          table[i * nk + k]! += logGaussMass((left - mu) / sigma, (right - mu) / sigma) - logMass[k]!;
        }
      } else {
        const xi = kern.log ? Math.log(x[i]!) : x[i]!;
        for (let k = 0; k < nk; k++) {
          const z = (xi - kern.mus[k]!) / kern.sigmas[k]!;
          const inside = xi >= kern.adaptedLow && xi <= kern.adaptedHigh;
          table[i * nk + k]! += inside ? -0.5 * z * z - LOG_SQRT_TWO_PI - logMass[k]! - Math.log(kern.sigmas[k]!) : Number.NEGATIVE_INFINITY;
        }
      }
    }
  });
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < nk; k++) max = Math.max(max, table[i * nk + k]!);
    if (max === Number.NEGATIVE_INFINITY) max = 0;
    let sum = 0;
    for (let k = 0; k < nk; k++) sum += Math.exp(table[i * nk + k]! - max);
    out[i] = Math.log(sum) + max;
  }
  return out;
}
