// Thin layer classes over fusedGru / fusedLstm: they validate options, own the tf.Variables (in
// the fused kernels' layout, so training converts nothing per step) and copy weights from and to
// the tfjs-layers layout, so a tf.layers.gru / tf.layers.lstm can hand its weights over.
import type { Tensor, Tensor1D, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import { fusedGru, type GruOutput } from './gru';
import { glorotUniform, orthogonal } from './init';
import { gruFusedToLayers, gruLayersToFused, lstmFusedToLayers, lstmLayersToFused, type LayersRnnWeights } from './layout';
import { fusedLstm } from './lstm';
import { requireNativeBackend } from './native-ops';

export interface FusedRnnOptions {
  /** Features per time step (the input's last axis). */
  readonly features: number;
  /** Hidden units. */
  readonly units: number;
  /** Draws the initial weights (Glorot-uniform kernel, orthogonal recurrent kernel, zero bias). */
  readonly rng: Rng;
}

const OPTION_NAMES = ['features', 'units', 'rng'] as const;

type Kind = 'gru' | 'lstm';
const GATES: Record<Kind, number> = { gru: 3, lstm: 4 };

function checkOptions(kind: Kind, options: FusedRnnOptions): void {
  const where = kind === 'gru' ? 'FusedGru options' : 'FusedLstm options';
  rejectUnknownOptions(where, options, OPTION_NAMES);
  for (const name of ['features', 'units'] as const) {
    const v = options?.[name];
    if (!Number.isInteger(v) || v <= 0) {
      throw new InvalidArgumentError(`${where}.${name}`, v, 'must be a positive integer', `pass e.g. ${name === 'units' ? 64 : 8}`);
    }
  }
  if (typeof options.rng?.uniform !== 'function') {
    throw new InvalidArgumentError(`${where}.rng`, options.rng, 'must be an Rng', 'pass createRng(seed) from quantlab');
  }
}

abstract class FusedRnn {
  readonly features: number;
  readonly units: number;
  /** The trainable variables, in the fused layout; hand these to an optimizer. */
  readonly variables: Variable[];
  private readonly kind: Kind;

  protected constructor(kind: Kind, options: FusedRnnOptions) {
    checkOptions(kind, options);
    requireNativeBackend();
    this.kind = kind;
    this.features = options.features;
    this.units = options.units;
    const { features, units, rng } = options;
    const width = GATES[kind] * units;
    const bias = new Float32Array(width);
    // Keras' unit_forget_bias: the LSTM forget gate (block 1 of i, f, c, o) starts open.
    if (kind === 'lstm') bias.fill(1, units, 2 * units);
    const initial: LayersRnnWeights = { kernel: glorotUniform(features, width, rng), recurrentKernel: orthogonal(units, width, rng), bias };
    // tidy frees the initial-value tensors; variables outlive it.
    this.variables = getTf().tidy(() => this.toFused(initial).map(([values, shape]) => getTf().variable(getTf().tensor(values, shape))));
  }

  /** Runs the layer over x [batch, time, features] from a zero state. */
  apply(x: Tensor3D, output: GruOutput = 'last'): Tensor {
    if (x.rank !== 3 || x.shape[2] !== this.features) {
      throw new InvalidArgumentError('x', `tensor of shape [${x.shape}]`, `must be [batch, time, ${this.features}]`, 'reshape the windows to [batch, lookback, features]');
    }
    return this.run(x, output);
  }

  /** Copies of [kernel, recurrentKernel, bias] in the tfjs-layers layout (layer.getWeights() order). */
  getWeights(): [Float32Array, Float32Array, Float32Array] {
    const values = this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    const w = this.fromFused(values);
    return [w.kernel, w.recurrentKernel, w.bias];
  }

  /** Sets the weights from [kernel, recurrentKernel, bias] in the tfjs-layers layout. */
  setWeights(weights: readonly Float32Array[]): void {
    const width = GATES[this.kind] * this.units;
    const lengths = [this.features * width, this.units * width, width];
    const names = ['kernel', 'recurrentKernel', 'bias'];
    if (!Array.isArray(weights) || weights.length !== 3) {
      throw new InvalidArgumentError('weights', weights, 'must be [kernel, recurrentKernel, bias]', 'pass the three arrays of a tfjs-layers layer\'s getWeights()');
    }
    weights.forEach((w, i) => {
      if (!(w instanceof Float32Array) || w.length !== lengths[i]) {
        throw new InvalidArgumentError(`weights[${i}] (${names[i]})`, w, `must be a Float32Array of length ${lengths[i]}`, `pass the ${names[i]} of a ${this.kind.toUpperCase()} with ${this.features} features and ${this.units} units`);
      }
    });
    const fused = this.toFused({ kernel: weights[0]!, recurrentKernel: weights[1]!, bias: weights[2]! });
    fused.forEach(([values, shape], i) => getTf().tidy(() => this.variables[i]!.assign(getTf().tensor(values, shape))));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }

  protected abstract run(x: Tensor3D, output: GruOutput): Tensor;
  protected abstract toFused(w: LayersRnnWeights): [Float32Array, number[]][];
  protected abstract fromFused(values: Float32Array[]): LayersRnnWeights;
}

/** A GRU (reset-before, sigmoid gates, tanh) over TensorFlow's fused GRUBlockCell. */
export class FusedGru extends FusedRnn {
  constructor(options: FusedRnnOptions) {
    super('gru', options);
  }

  protected run(x: Tensor3D, output: GruOutput): Tensor {
    const [w, b] = this.variables as unknown as [Tensor2D, Tensor1D];
    return fusedGru(x, { w, b }, output);
  }

  protected toFused(w: LayersRnnWeights): [Float32Array, number[]][] {
    const f = gruLayersToFused(w, this.features, this.units);
    return [[f.w, [this.features + this.units, 3 * this.units]], [f.b, [3 * this.units]]];
  }

  protected fromFused([w, b]: Float32Array[]): LayersRnnWeights {
    return gruFusedToLayers({ w: w!, b: b! }, this.features, this.units);
  }
}

/** An LSTM (sigmoid gates, tanh, no peepholes) over TensorFlow's fused BlockLSTMV2. */
export class FusedLstm extends FusedRnn {
  constructor(options: FusedRnnOptions) {
    super('lstm', options);
  }

  protected run(x: Tensor3D, output: GruOutput): Tensor {
    const [w, b] = this.variables as unknown as [Tensor2D, Tensor1D];
    return fusedLstm(x, { w, b }, output);
  }

  protected toFused(w: LayersRnnWeights): [Float32Array, number[]][] {
    const f = lstmLayersToFused(w, this.features, this.units);
    return [[f.w, [this.features + this.units, 4 * this.units]], [f.b, [4 * this.units]]];
  }

  protected fromFused([w, b]: Float32Array[]): LayersRnnWeights {
    return lstmFusedToLayers({ w: w!, b: b! }, this.features, this.units);
  }
}
