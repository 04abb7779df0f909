// Adam over all variables at once: the gradients are laid end to end in one vector and the update
// runs as one chain of kernels over it. tf.train.adam runs the same fourteen elementwise kernels
// per variable plus a scalar upload for each constant, which at the fused layers' few small
// variables costs about as much as half the forward pass. The arithmetic is tfjs's, kernel for
// kernel and constant for constant, so the weights come out identical to tf.train.adam's.
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { getTf } from '../../util/tf';
import * as nat from './native-ops';

export interface FusedAdamOptions {
  /** Step size; tf.train.adam's default. */
  readonly learningRate?: number;
  /** Decay of the first-moment average. */
  readonly beta1?: number;
  /** Decay of the second-moment average. */
  readonly beta2?: number;
  /** Added to the root of the second moment; tfjs uses its float32 backend epsilon. */
  readonly epsilon?: number;
}

export const DEFAULT_ADAM_LEARNING_RATE = 0.001;
export const DEFAULT_ADAM_BETA1 = 0.9;
export const DEFAULT_ADAM_BETA2 = 0.999;
export const DEFAULT_ADAM_EPSILON = 1e-7;

const OPTION_NAMES = ['learningRate', 'beta1', 'beta2', 'epsilon'] as const;

/** Adam with tf.train.adam's semantics for a fixed list of float32 variables. */
export class FusedAdam {
  readonly variables: readonly Variable[];
  private readonly sizes: number[];
  private readonly flatShape: Tensor;
  private readonly shapes: Tensor[];
  private readonly constants: { beta1: Tensor; beta2: Tensor; oneMinusBeta1: Tensor; oneMinusBeta2: Tensor; epsilon: Tensor; minusRate: Tensor };
  // Variables, not tensors: a caller's tidy around a step must not free the moments.
  private readonly m: Variable;
  private readonly v: Variable;
  // beta^t in float32, as tfjs keeps it in a scalar variable: float32 products of float32 values
  // are what Math.fround of the double product gives, so no kernel is needed to track them.
  private accBeta1: number;
  private accBeta2: number;
  private readonly beta1: number;
  private readonly beta2: number;

  constructor(variables: readonly Variable[], options: FusedAdamOptions = {}) {
    rejectUnknownOptions('FusedAdam options', options, OPTION_NAMES);
    if (!Array.isArray(variables) || variables.length === 0 || variables.some((v) => v?.dtype !== 'float32')) {
      throw new InvalidArgumentError('variables', variables, 'must be a non-empty array of float32 tf.Variables', 'pass the layer\'s variables, e.g. [...rnn.variables, ...head]');
    }
    const o = {
      learningRate: options.learningRate ?? DEFAULT_ADAM_LEARNING_RATE, beta1: options.beta1 ?? DEFAULT_ADAM_BETA1,
      beta2: options.beta2 ?? DEFAULT_ADAM_BETA2, epsilon: options.epsilon ?? DEFAULT_ADAM_EPSILON,
    };
    for (const name of OPTION_NAMES) {
      const value = o[name];
      const ok = Number.isFinite(value) && (name === 'beta1' || name === 'beta2' ? value >= 0 && value < 1 : value > 0);
      if (!ok) {
        const range = name === 'beta1' || name === 'beta2' ? 'a number in [0, 1)' : 'a positive finite number';
        throw new InvalidArgumentError(`FusedAdam options.${name}`, value, `must be ${range}`, `omit it for tf.train.adam's default or pass e.g. ${{ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }[name]}`);
      }
    }
    nat.requireNativeBackend();
    const tf = getTf();
    this.variables = [...variables];
    this.sizes = variables.map((v) => v.size);
    this.beta1 = o.beta1; this.beta2 = o.beta2;
    this.accBeta1 = Math.fround(o.beta1); this.accBeta2 = Math.fround(o.beta2);
    this.flatShape = tf.tensor1d([-1], 'int32');
    this.shapes = variables.map((v) => tf.tensor1d(v.shape, 'int32'));
    // The JS numbers tfjs turns into scalars: 1 - beta and -learningRate are taken in double first.
    this.constants = {
      beta1: tf.scalar(o.beta1), beta2: tf.scalar(o.beta2), oneMinusBeta1: tf.scalar(1 - o.beta1), oneMinusBeta2: tf.scalar(1 - o.beta2),
      epsilon: tf.scalar(o.epsilon), minusRate: tf.scalar(-o.learningRate),
    };
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.variable(tf.zeros([total]), false);
    this.v = tf.variable(tf.zeros([total]), false);
  }

  /** Gradients of `loss` with respect to the variables, then one update; returns the loss (the caller disposes it). */
  minimize(loss: () => Scalar): Scalar {
    const { value, grads } = getTf().variableGrads(loss, [...this.variables]);
    try {
      this.applyGradients(this.variables.map((v) => grads[v.name]!));
    } finally {
      getTf().dispose(Object.values(grads));
    }
    return value;
  }

  /** One Adam step from gradients given in the order of `variables`. */
  applyGradients(grads: readonly Tensor[]): void {
    if (!Array.isArray(grads) || grads.length !== this.variables.length || grads.some((g, i) => g?.size !== this.sizes[i])) {
      throw new InvalidArgumentError('grads', grads, `must be ${this.variables.length} tensors shaped like the variables`, 'pass the gradients in the order of the variables given to the constructor');
    }
    const tf = getTf(), c = this.constants;
    tf.tidy(() => {
      const flat = (ts: readonly Tensor[]) => nat.concat(ts.map((t) => nat.reshape(t, this.flatShape)), 0);
      const g = flat(grads), value = flat(this.variables);
      const m = nat.add(nat.mul(this.m, c.beta1), nat.mul(g, c.oneMinusBeta1));
      const v = nat.add(nat.mul(this.v, c.beta2), nat.mul(nat.square(g), c.oneMinusBeta2));
      // tfjs computes 1 - beta^t as a float32 kernel; 1 - x is exact in double for the float32
      // x here (or rounds to 1 either way), so fround gives the same scalar.
      const mHat = nat.realDiv(m, tf.scalar(Math.fround(1 - this.accBeta1)));
      const vHat = nat.realDiv(v, tf.scalar(Math.fround(1 - this.accBeta2)));
      const next = nat.add(nat.mul(nat.realDiv(mHat, nat.add(nat.sqrt(vHat), c.epsilon)), c.minusRate), value);
      const parts = nat.splitSizes(next, this.sizes, 0).map((p, i) => nat.reshape(p, this.shapes[i]!));
      this.m.assign(m);
      this.v.assign(v);
      parts.forEach((p, i) => this.variables[i]!.assign(p));
    });
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
  }

  dispose(): void {
    getTf().dispose([this.m, this.v, this.flatShape, ...this.shapes, ...Object.values(this.constants)]);
  }
}
