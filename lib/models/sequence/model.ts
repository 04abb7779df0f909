// A GRU/LSTM classifier or regressor on the fused recurrent layers: stacked (each layer returns its
// sequence to the next), optionally bidirectional, layer-normalised, pooled by the last state or
// by attention, then a dense head. Binary classification without sample weights trains through
// the fused sigmoid cross-entropy head; every other loss is a few plain tf ops.
import type { Scalar, Tensor, Tensor1D, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import { createRng, type Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import { BCE_EPSILON, FusedGru, FusedLstm, glorotUniform, sigmoidCrossEntropyHead } from '../fused';
import { maskedRnn } from '../fused/masked-rnn';
import { attentionPool, binaryCrossEntropy, layerNorm, sequenceDropout, softmaxCrossEntropy, squaredError } from './ops';
import { resolveSequenceOptions, type ResolvedSequenceOptions, type SequenceModelOptions } from './options';
import { recurrentMasks } from './recurrent-dropout';
import { checkEnvelope, decodeWeights, encodeWeight, SEQUENCE_MODEL_FORMAT, SEQUENCE_MODEL_VERSION, type SequenceModelJSON, type WeightShape } from './serialize';

/** Windows per forward pass in predict: bounds memory on long series. */
export const SEQUENCE_PREDICT_BATCH = 4096;

export interface SequenceData {
  /** Windows (samples, lookback, features) flattened, as makeSequences builds them. */
  readonly x: Float32Array;
  /** Class indices (classification) or targets, `outputs` per window (regression). */
  readonly y: Float32Array;
}

export interface LossOptions {
  /** Training mode: draws the dropout masks. Leave out for inference. */
  readonly dropoutRng?: Rng;
  /** Per-sample weights: the loss is sum(w * loss) / batch (Keras' class_weight reduction). */
  readonly sampleWeights?: Float32Array;
}

export interface Evaluation {
  /** Mean loss: binary/softmax cross-entropy or mean squared error. */
  readonly loss: number;
  /** Share of windows whose most probable class is the label (classification only). */
  readonly accuracy?: number;
}

type Rnn = FusedGru | FusedLstm;
interface Level { forward: Rnn; backward?: Rnn; norm?: [Variable, Variable] }
interface Dense { kernel: Variable; bias: Variable }

export class SequenceModel {
  readonly config: ResolvedSequenceOptions;
  private readonly levels: Level[];
  private readonly attention: Variable | undefined;
  private readonly hidden: Dense[];
  private readonly output: Dense;
  private readonly specs: WeightShape[];

  /** rng draws the initial weights (Glorot-uniform kernels, orthogonal recurrent kernels, zero biases). */
  constructor(options: SequenceModelOptions, rng: Rng) {
    this.config = resolveSequenceOptions(options);
    if (typeof rng?.uniform !== 'function') {
      throw new InvalidArgumentError('rng', rng, 'must be an Rng', 'pass createRng(seed) from quantlab');
    }
    const tf = getTf();
    const c = this.config;
    const specs: WeightShape[] = [];
    const gates = c.cell === 'gru' ? 3 : 4;
    let width = c.features;
    this.levels = c.layers.map((units, l) => {
      const make = (direction: string): Rnn => {
        const rnn = c.cell === 'gru' ? new FusedGru({ features: width, units, rng }) : new FusedLstm({ features: width, units, rng });
        const name = `${c.cell}${l}/${direction}`;
        specs.push({ name: `${name}/kernel`, shape: [width, gates * units] }, { name: `${name}/recurrent_kernel`, shape: [units, gates * units] }, { name: `${name}/bias`, shape: [gates * units] });
        return rnn;
      };
      const level: Level = { forward: make('forward') };
      if (c.bidirectional) level.backward = make('backward');
      width = c.bidirectional ? 2 * units : units;
      if (c.layerNorm) {
        level.norm = tf.tidy(() => [tf.variable(tf.ones([width])), tf.variable(tf.zeros([width]))]);
        specs.push({ name: `norm${l}/gamma`, shape: [width] }, { name: `norm${l}/beta`, shape: [width] });
      }
      return level;
    });
    const dense = (name: string, from: number, to: number): Dense => {
      specs.push({ name: `${name}/kernel`, shape: [from, to] }, { name: `${name}/bias`, shape: [to] });
      // tidy frees the initial-value tensors; variables outlive it.
      return tf.tidy(() => ({ kernel: tf.variable(tf.tensor2d(glorotUniform(from, to, rng), [from, to])), bias: tf.variable(tf.zeros([to])) }));
    };
    if (c.pooling === 'attention') {
      this.attention = tf.tidy(() => tf.variable(tf.tensor2d(glorotUniform(width, 1, rng), [width, 1])));
      specs.push({ name: 'attention/kernel', shape: [width, 1] });
    }
    this.hidden = c.head.units.map((units, i) => { const d = dense(`dense${i}`, width, units); width = units; return d; });
    this.output = dense('output', width, this.outputWidth);
    this.specs = specs;
  }

  /** Output columns: 1 for a binary classifier, else classes or regression targets. */
  get outputWidth(): number {
    return this.config.task === 'regression' ? this.config.outputs! : this.config.classes === 2 ? 1 : this.config.classes!;
  }

  /** The trainable variables, in weight order; hand these to an optimizer. */
  get variables(): Variable[] {
    const out: Variable[] = [];
    for (const level of this.levels) {
      out.push(...level.forward.variables, ...(level.backward?.variables ?? []), ...(level.norm ?? []));
    }
    if (this.attention) out.push(this.attention);
    for (const d of [...this.hidden, this.output]) out.push(d.kernel, d.bias);
    return out;
  }

  /** Names and shapes of getWeights(), recurrent kernels in the Keras / tfjs-layers layout. */
  weightSpecs(): WeightShape[] {
    return this.specs.map((s) => ({ name: s.name, shape: [...s.shape] }));
  }

  /** Output-layer values [batch, outputWidth]: logits for classification, predictions for regression. */
  apply(x: Tensor3D, dropoutRng?: Rng): Tensor2D {
    const tf = getTf();
    return tf.add(tf.matMul(this.represent(x, dropoutRng), this.output.kernel), this.output.bias) as Tensor2D;
  }

  /** The mean training loss of a batch; y as in SequenceData. */
  loss(x: Tensor3D, y: Float32Array, options: LossOptions = {}): Scalar {
    const tf = getTf();
    const c = this.config;
    const batch = x.shape[0];
    this.checkTargets('y', y, batch);
    const w = options.sampleWeights;
    if (w !== undefined && (!(w instanceof Float32Array) || w.length !== batch)) {
      throw new InvalidArgumentError('sampleWeights', w, `must be a Float32Array of ${batch} weights, one per window`, 'pass one weight per row of the batch');
    }
    if (c.task === 'classification' && c.classes === 2 && w === undefined) {
      return sigmoidCrossEntropyHead(this.represent(x, options.dropoutRng), this.output.kernel as Tensor2D, this.output.bias as Tensor1D, y);
    }
    const out = this.apply(x, options.dropoutRng);
    const perSample = c.task === 'regression' ? squaredError(out, y) : c.classes === 2 ? binaryCrossEntropy(out, y) : softmaxCrossEntropy(out, y);
    return (w === undefined ? tf.mean(perSample) : tf.div(tf.sum(tf.mul(perSample, tf.tensor1d(w))), batch)) as Scalar;
  }

  /**
   * Inference on flattened windows: P(class 1) per window for a binary classifier, class
   * probabilities (row-major, `classes` per window) for more classes, else the predicted targets.
   */
  predict(x: Float32Array): Float32Array {
    const n = this.checkWindows('x', x);
    const tf = getTf();
    const { lookback, features, task } = this.config;
    const step = lookback * features, width = this.outputWidth;
    const out = new Float32Array(n * width);
    for (let from = 0; from < n; from += SEQUENCE_PREDICT_BATCH) {
      const size = Math.min(SEQUENCE_PREDICT_BATCH, n - from);
      const values = tf.tidy(() => {
        const raw = this.apply(tf.tensor3d(x.subarray(from * step, (from + size) * step), [size, lookback, features]));
        const out = task === 'regression' ? raw : width === 1 ? tf.sigmoid(raw) : tf.softmax(raw);
        return out.dataSync() as Float32Array;
      });
      out.set(values, from * width);
    }
    return out;
  }

  /** Unweighted mean loss (and accuracy) over labelled windows, in float64 from predict(). */
  evaluate(data: SequenceData, name = 'data'): Evaluation {
    const n = this.checkWindows(`${name}.x`, data?.x);
    this.checkTargets(`${name}.y`, data.y, n);
    const p = this.predict(data.x), y = data.y, c = this.config;
    let loss = 0, correct = 0;
    if (c.task === 'regression') {
      for (let i = 0; i < p.length; i++) loss += (p[i]! - y[i]!) ** 2;
      return { loss: loss / p.length };
    }
    const k = this.outputWidth;
    // Same float32 clipping bounds as the training loss, so loss and valLoss compare.
    const lower = Math.fround(BCE_EPSILON), upper = Math.fround(1 - BCE_EPSILON);
    for (let i = 0; i < n; i++) {
      const label = y[i]!;
      if (k === 1) {
        const q = Math.min(Math.max(p[i]!, lower), upper);
        loss -= label * Math.log(q) + (1 - label) * Math.log(1 - q);
        if ((q >= 0.5 ? 1 : 0) === label) correct++;
      } else {
        const row = p.subarray(i * k, (i + 1) * k);
        loss -= Math.log(Math.max(row[label]!, lower));
        let best = 0;
        for (let j = 1; j < k; j++) if (row[j]! > row[best]!) best = j;
        if (best === label) correct++;
      }
    }
    return { loss: loss / n, accuracy: correct / n };
  }

  /** Copies of every weight, in weightSpecs() order. */
  getWeights(): Float32Array[] {
    const out: Float32Array[] = [];
    for (const level of this.levels) {
      out.push(...level.forward.getWeights(), ...(level.backward?.getWeights() ?? []), ...(level.norm ?? []).map(copy));
    }
    if (this.attention) out.push(copy(this.attention));
    for (const d of [...this.hidden, this.output]) out.push(copy(d.kernel), copy(d.bias));
    return out;
  }

  /** Sets every weight from arrays in weightSpecs() order and shapes. */
  setWeights(values: readonly Float32Array[]): void {
    const specs = this.specs;
    if (!Array.isArray(values) || values.length !== specs.length) {
      throw new InvalidArgumentError('weights', values, `must be ${specs.length} Float32Arrays in weightSpecs() order`, 'pass the output of getWeights() of a model with the same options');
    }
    specs.forEach((s, i) => {
      const size = s.shape.reduce((a, b) => a * b, 1);
      if (!(values[i] instanceof Float32Array) || values[i]!.length !== size) {
        throw new InvalidArgumentError(`weights[${i}] (${s.name})`, values[i], `must be a Float32Array of length ${size} (shape [${s.shape}])`, 'pass the output of getWeights() of a model with the same options');
      }
    });
    const tf = getTf();
    let i = 0;
    const assign = (v: Variable) => { const spec = specs[i]!; const data = values[i++]!; tf.tidy(() => v.assign(tf.tensor(data, spec.shape))); };
    for (const level of this.levels) {
      for (const rnn of [level.forward, level.backward]) if (rnn) { rnn.setWeights(values.slice(i, i + 3)); i += 3; }
      (level.norm ?? []).forEach(assign);
    }
    if (this.attention) assign(this.attention);
    for (const d of [...this.hidden, this.output]) { assign(d.kernel); assign(d.bias); }
  }

  toJSON(): SequenceModelJSON {
    const values = this.getWeights();
    return {
      format: SEQUENCE_MODEL_FORMAT, version: SEQUENCE_MODEL_VERSION,
      config: structuredClone(this.config),
      weights: this.specs.map((s, i) => encodeWeight(s, values[i]!)),
    };
  }

  static fromJSON(json: SequenceModelJSON, source = 'SequenceModel JSON'): SequenceModel {
    checkEnvelope(json, source);
    // The seed is irrelevant: every initial weight is overwritten below.
    const model = new SequenceModel(json.config, createRng(0));
    try {
      model.setWeights(decodeWeights(json.weights, model.specs, source));
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  }

  /** Frees the model's tensors; the object is unusable afterwards. */
  dispose(): void {
    getTf().dispose(this.variables);
  }

  /** Number of windows in flattened x; throws when its length does not fit the model. */
  checkWindows(name: string, x: Float32Array): number {
    const step = this.config.lookback * this.config.features;
    if (!(x instanceof Float32Array) || x.length === 0 || x.length % step !== 0) {
      throw new InvalidArgumentError(name, x, `must be a non-empty Float32Array whose length is a multiple of lookback * features = ${step}`, 'pass the x of makeSequences built with the same lookback and features');
    }
    return x.length / step;
  }

  /** Throws unless y holds n class indices (classification) or n * outputs finite targets. */
  checkTargets(name: string, y: Float32Array, n: number): void {
    const c = this.config;
    const expected = c.task === 'regression' ? n * c.outputs! : n;
    if (!(y instanceof Float32Array) || y.length !== expected) {
      throw new InvalidArgumentError(name, y, `must be a Float32Array of ${expected} ${c.task === 'regression' ? 'targets' : 'labels'} (${c.task === 'regression' ? `${c.outputs} per window` : 'one per window'})`, 'pass the y of makeSequences');
    }
    const bad = c.task === 'regression'
      ? y.findIndex((v) => !Number.isFinite(v))
      : y.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= c.classes!);
    if (bad >= 0) {
      const what = c.task === 'regression' ? 'is not finite' : `is not a class index in 0..${c.classes! - 1}`;
      throw new InvalidArgumentError(`${name}[${bad}]`, y[bad], what, c.task === 'regression' ? 'drop or fill the windows with missing targets' : 'encode labels as 0-based class indices');
    }
  }

  /** The input of the output layer: recurrent stack, pooling, hidden dense layers. */
  private represent(x: Tensor3D, dropoutRng?: Rng): Tensor2D {
    const tf = getTf();
    const c = this.config;
    let h: Tensor = x;
    // Masks are drawn level by level: the input mask, then the forward layer's recurrent masks,
    // then the backward layer's; the same rng state gives the same masks.
    const run = (rnn: Rnn, input: Tensor3D, mode: 'last' | 'sequence'): Tensor => {
      if (!dropoutRng || c.recurrentDropout === 0) return rnn.apply(input, mode);
      const masks = recurrentMasks(c.cell, input.shape[0], rnn.units, c.recurrentDropout, dropoutRng);
      const [w, b] = rnn.variables as unknown as [Tensor2D, Tensor1D];
      return maskedRnn(c.cell, input, w, b, masks, mode);
    };
    this.levels.forEach((level, l) => {
      const top = l === this.levels.length - 1;
      const mode = top && c.pooling === 'last' ? 'last' : 'sequence';
      const input = (dropoutRng && c.dropout > 0 ? sequenceDropout(h as Tensor3D, c.dropout, dropoutRng) : h) as Tensor3D;
      let out = run(level.forward, input, mode);
      if (level.backward) {
        const back = run(level.backward, tf.reverse(input, 1), mode);
        // A backward sequence is re-reversed so step t of both halves sees the same row.
        out = tf.concat([out, mode === 'sequence' ? tf.reverse(back, 1) : back], -1);
      }
      h = level.norm ? layerNorm(out, level.norm[0] as Tensor1D, level.norm[1] as Tensor1D) : out;
    });
    let z = (this.attention ? attentionPool(h as Tensor3D, this.attention as Tensor2D) : h) as Tensor2D;
    for (const d of this.hidden) {
      const a = tf.add(tf.matMul(z, d.kernel), d.bias);
      z = (c.head.activation === 'relu' ? tf.relu(a) : tf.tanh(a)) as Tensor2D;
    }
    return z;
  }
}

function copy(v: Variable): Float32Array {
  return Float32Array.from(v.dataSync() as Float32Array);
}
