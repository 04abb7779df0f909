// Multi-layer perceptrons on TensorFlow kernels, `heads` of them of one shape evaluated side by
// side as batched matrix products ([heads, rows, units]): PPO's separate policy and value networks
// cost the kernel launches of one. The parameters live in one flat Float32Array on the JS side
// (the optimizer updates it in place) and are uploaded once per change; the backward pass is
// written out by hand from the gradient of the outputs, so no autodiff tape is recorded and each
// step runs a fixed, short list of kernels with one read-back for the outputs and one per gradient.
import type { Tensor } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import type { Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import { orthogonal } from '../../models/fused/init';

export type Activation = 'tanh' | 'relu';

export interface MlpLayout {
  readonly inputSize: number;
  readonly hiddenSizes: readonly number[];
  readonly outputSize: number;
  /** Independent networks of this shape evaluated together. */
  readonly heads: number;
  readonly activation: Activation;
}

interface LayerView {
  readonly inSize: number;
  readonly outSize: number;
  /** [heads, in, out] */
  readonly weightOffset: number;
  /** [heads, out] */
  readonly biasOffset: number;
}

/** Number of parameters of a layout: per layer heads * (in * out + out). */
export function mlpParameterCount(layout: MlpLayout): number {
  return layerViews(layout).reduce((n, l) => n + layout.heads * (l.inSize * l.outSize + l.outSize), 0);
}

function layerViews(layout: MlpLayout): LayerView[] {
  const sizes = [layout.inputSize, ...layout.hiddenSizes, layout.outputSize];
  const views: LayerView[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inSize = sizes[l]!, outSize = sizes[l + 1]!;
    views.push({ inSize, outSize, weightOffset: offset, biasOffset: offset + layout.heads * inSize * outSize });
    offset += layout.heads * (inSize * outSize + outSize);
  }
  return views;
}

export class StackedMlp {
  readonly layout: MlpLayout;
  /** All weights and biases, layer by layer: W [heads, in, out] then b [heads, out]. Updated in place by the optimizer. */
  readonly params: Float32Array;
  private readonly layers: LayerView[];
  private uploaded: Tensor[] | undefined;

  /** `params` (length mlpParameterCount(layout)) is used, not copied: pass a view into a larger buffer to share an optimizer. */
  constructor(layout: MlpLayout, params: Float32Array) {
    checkLayout(layout);
    if (!(params instanceof Float32Array) || params.length !== mlpParameterCount(layout)) {
      throw new InvalidArgumentError('params', params, `must be a Float32Array of ${mlpParameterCount(layout)} parameters for this layout`, 'allocate new Float32Array(mlpParameterCount(layout)) and initialise it');
    }
    this.layout = { ...layout, hiddenSizes: [...layout.hiddenSizes] };
    this.params = params;
    this.layers = layerViews(layout);
  }

  /** Call after changing `params`: the next pass uploads them again. */
  invalidate(): void {
    if (this.uploaded) getTf().dispose(this.uploaded);
    this.uploaded = undefined;
  }

  /** Outputs [heads, rows, outputSize] for inputs x [rows, inputSize], one read-back. */
  forward(x: Float32Array, rows: number): Float32Array {
    const tf = getTf();
    const w = this.weights();
    return tf.tidy(() => {
      let h: Tensor = tf.tensor2d(x, [rows, this.layout.inputSize]);
      for (let l = 0; l < this.layers.length; l++) {
        const z = tf.add(tf.matMul(h, w[2 * l]!), w[2 * l + 1]!);
        h = l + 1 < this.layers.length ? this.activate(z) : z;
      }
      return h.dataSync() as Float32Array;
    });
  }

  /**
   * Outputs for x, then the gradient of a loss with respect to every parameter, given
   * `outputGradient(out)`: d loss / d outputs, [heads, rows, outputSize].
   */
  forwardBackward(x: Float32Array, rows: number, outputGradient: (out: Float32Array) => ArrayLike<number>): { out: Float32Array; grads: Float64Array } {
    const tf = getTf();
    const w = this.weights();
    const { heads, outputSize } = this.layout;
    const grads = new Float64Array(this.params.length);
    let out!: Float32Array;
    tf.tidy(() => {
      const input = tf.tensor2d(x, [rows, this.layout.inputSize]);
      const acts: Tensor[] = [input];
      let h: Tensor = input;
      for (let l = 0; l < this.layers.length; l++) {
        const z = tf.add(tf.matMul(h, w[2 * l]!), w[2 * l + 1]!);
        h = l + 1 < this.layers.length ? this.activate(z) : z;
        if (l + 1 < this.layers.length) acts.push(h);
      }
      out = h.dataSync() as Float32Array;
      const dOut = outputGradient(out);
      if (dOut.length !== out.length) throw new InvalidArgumentError('outputGradient(out)', dOut, `must return ${out.length} values (heads x rows x outputSize)`, 'return d loss / d out in the layout of out');
      // The last bias gradient is a sum over rows of dOut: done here, saving a kernel.
      const last = this.layers[this.layers.length - 1]!;
      for (let hd = 0; hd < heads; hd++) {
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < outputSize; j++) grads[last.biasOffset + hd * outputSize + j] = grads[last.biasOffset + hd * outputSize + j]! + dOut[(hd * rows + r) * outputSize + j]!;
        }
      }
      let dz: Tensor = tf.tensor3d(Float32Array.from(dOut), [heads, rows, outputSize]);
      for (let l = this.layers.length - 1; l >= 0; l--) {
        const view = this.layers[l]!;
        copyInto(grads, view.weightOffset, tf.matMul(acts[l]!, dz, true, false).dataSync());
        if (l + 1 < this.layers.length) copyInto(grads, view.biasOffset, tf.sum(dz, 1).dataSync());
        if (l > 0) dz = this.activationGradient(acts[l]!, tf.matMul(dz, w[2 * l]!, false, true));
      }
    });
    return { out, grads };
  }

  dispose(): void {
    this.invalidate();
  }

  private activate(z: Tensor): Tensor {
    const tf = getTf();
    return this.layout.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
  }

  /** d loss / d pre-activation from d loss / d activation `dh` and the activation's output `h`. */
  private activationGradient(h: Tensor, dh: Tensor): Tensor {
    const tf = getTf();
    // tanh' = 1 - tanh^2, written as dh - (dh * h) * h to need no constant tensor.
    return this.layout.activation === 'tanh' ? tf.sub(dh, tf.mul(tf.mul(dh, h), h)) : tf.mul(dh, tf.step(h));
  }

  private weights(): Tensor[] {
    if (this.uploaded) return this.uploaded;
    const tf = getTf(), heads = this.layout.heads;
    this.uploaded = this.layers.flatMap((l) => [
      tf.tensor3d(this.params.subarray(l.weightOffset, l.biasOffset), [heads, l.inSize, l.outSize]),
      tf.tensor3d(this.params.subarray(l.biasOffset, l.biasOffset + heads * l.outSize), [heads, 1, l.outSize]),
    ]);
    return this.uploaded;
  }
}

function copyInto(target: Float64Array, offset: number, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) target[offset + i] = values[i]!;
}

function checkLayout(layout: MlpLayout): void {
  const positive = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;
  if (!positive(layout?.inputSize)) throw new InvalidArgumentError('layout.inputSize', layout?.inputSize, 'must be a whole number >= 1', 'pass the flattened observation size');
  if (!positive(layout.outputSize)) throw new InvalidArgumentError('layout.outputSize', layout.outputSize, 'must be a whole number >= 1', 'pass the number of outputs');
  if (!positive(layout.heads)) throw new InvalidArgumentError('layout.heads', layout.heads, 'must be a whole number >= 1', 'pass 1, or 2 for separate policy and value networks');
  if (!Array.isArray(layout.hiddenSizes) || !layout.hiddenSizes.every(positive)) {
    throw new InvalidArgumentError('layout.hiddenSizes', layout.hiddenSizes, 'must be an array of whole numbers >= 1', 'pass e.g. [64, 64]');
  }
  if (layout.activation !== 'tanh' && layout.activation !== 'relu') throw new InvalidArgumentError('layout.activation', layout.activation, 'must be "tanh" or "relu"', 'pass "tanh" (PPO\'s default) or "relu" (DQN\'s)');
}

/**
 * stable-baselines3's ortho_init for head `head`: every weight matrix orthogonal with `gains[l]`
 * for layer l (sqrt(2) for hidden layers, then 0.01 for the policy output, 1 for the value
 * output), biases zero. Only the first `usedOutputs` output columns are drawn; the rest stay zero.
 */
export function initOrthogonalHead(mlp: StackedMlp, head: number, gains: readonly number[], usedOutputs: number, rng: Rng): void {
  const views = layerViews(mlp.layout);
  views.forEach((l, i) => {
    const cols = i === views.length - 1 ? usedOutputs : l.outSize;
    const q = orthogonal(l.inSize, cols, rng);
    const base = l.weightOffset + head * l.inSize * l.outSize;
    for (let r = 0; r < l.inSize; r++) {
      for (let c = 0; c < l.outSize; c++) mlp.params[base + r * l.outSize + c] = c < cols ? gains[i]! * q[r * cols + c]! : 0;
    }
    mlp.params.fill(0, l.biasOffset + head * l.outSize, l.biasOffset + (head + 1) * l.outSize);
  });
  mlp.invalidate();
}

/** PyTorch's default nn.Linear initialisation for every head: weights and biases uniform on +-1/sqrt(fanIn). */
export function initUniformFanIn(mlp: StackedMlp, rng: Rng): void {
  for (const l of layerViews(mlp.layout)) {
    const bound = 1 / Math.sqrt(l.inSize);
    for (let i = l.weightOffset; i < l.biasOffset + mlp.layout.heads * l.outSize; i++) mlp.params[i] = (2 * rng.uniform() - 1) * bound;
  }
  mlp.invalidate();
}

/**
 * Per-layer weights and biases of one head as plain arrays ([in][out] row-major), for JSON; the
 * last layer keeps only its first `usedOutputs` columns (a narrower head stacked with a wider one).
 */
export function headWeights(mlp: StackedMlp, head: number, usedOutputs = mlp.layout.outputSize): { weight: number[]; bias: number[] }[] {
  const views = layerViews(mlp.layout);
  return views.map((l, i) => {
    const cols = i === views.length - 1 ? usedOutputs : l.outSize;
    const weight: number[] = [];
    for (let r = 0; r < l.inSize; r++) {
      for (let c = 0; c < cols; c++) weight.push(mlp.params[l.weightOffset + head * l.inSize * l.outSize + r * l.outSize + c]!);
    }
    return { weight, bias: Array.from(mlp.params.subarray(l.biasOffset + head * l.outSize, l.biasOffset + head * l.outSize + cols)) };
  });
}

/** Writes weights in headWeights' form back into head `head` (unused output columns set to 0); `argument` names the JSON field in errors. */
export function setHeadWeights(mlp: StackedMlp, head: number, layers: unknown, argument: string, usedOutputs = mlp.layout.outputSize): void {
  const views = layerViews(mlp.layout);
  if (!Array.isArray(layers) || layers.length !== views.length) {
    throw new InvalidArgumentError(argument, layers, `must be an array of ${views.length} layers { weight, bias }`, 'pass the weights written by toJSON() for the same configuration');
  }
  const ok = (v: unknown, n: number) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  views.forEach((l, i) => {
    const cols = i === views.length - 1 ? usedOutputs : l.outSize;
    const layer = layers[i] as { weight?: unknown; bias?: unknown } | undefined;
    const w = layer?.weight, b = layer?.bias;
    if (!ok(w, l.inSize * cols)) throw new InvalidArgumentError(`${argument}[${i}].weight`, w, `must be ${l.inSize * cols} finite numbers ([${l.inSize}][${cols}] row-major)`, 'pass the weights written by toJSON() for the same configuration');
    if (!ok(b, cols)) throw new InvalidArgumentError(`${argument}[${i}].bias`, b, `must be ${cols} finite numbers`, 'pass the weights written by toJSON() for the same configuration');
    const weight = w as number[], bias = b as number[];
    for (let r = 0; r < l.inSize; r++) {
      for (let c = 0; c < l.outSize; c++) mlp.params[l.weightOffset + head * l.inSize * l.outSize + r * l.outSize + c] = c < cols ? weight[r * cols + c]! : 0;
    }
    for (let c = 0; c < l.outSize; c++) mlp.params[l.biasOffset + head * l.outSize + c] = c < cols ? bias[c]! : 0;
  });
  mlp.invalidate();
}
