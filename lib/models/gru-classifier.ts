// A one-layer GRU binary classifier on tfjs-layers: gru(units) -> dense(1, sigmoid), trained by
// a hand-written mini-batch loop so that every random choice (initial weights, batch order,
// dropout masks) comes from seeds we pass in: tfjs' own fit() shuffles with Math.random.
import type { LayersModel, Scalar, Tensor, Variable } from '@tensorflow/tfjs-node';
import { DataFormatError } from '../util/errors';
import { createRng, type Rng } from '../util/random';
import { getTf } from '../util/tf';
import { packWeights, readArtifact, unpackWeights, writeArtifact, type ModelArtifact, type WeightSpec } from './artifact';
import {
  checkFitOptions, checkWindows, resolveGruOptions,
  type EpochLogs, type FitHistory, type FitOptions, type GruClassifierOptions, type LabelledWindows, type ResolvedGruOptions,
} from './gru-options';
import { Standardizer, type StandardizerJSON } from './standardizer';

export const GRU_ARTIFACT_FORMAT = 'quantlab/gru-classifier';
export const GRU_ARTIFACT_VERSION = 1;
/** Windows per forward pass in predictProba: bounds memory on long series. */
export const PREDICT_BATCH = 4096;
// Positional names: tfjs makes variable names unique per process (gru_1, gru_2, ...), so saved
// weights are matched by position and shape, named here for people reading model.json.
const WEIGHT_NAMES = ['gru/kernel', 'gru/recurrent_kernel', 'gru/bias', 'dense/kernel', 'dense/bias'];

export interface GruArtifactConfig {
  readonly format: typeof GRU_ARTIFACT_FORMAT;
  readonly version: typeof GRU_ARTIFACT_VERSION;
  readonly options: ResolvedGruOptions;
  readonly standardizer?: StandardizerJSON;
}

export type GruArtifact = ModelArtifact<GruArtifactConfig>;

export class GruClassifier {
  readonly options: ResolvedGruOptions;
  /** Scaling fitted on the training rows; travels with the model when attached. */
  standardizer: Standardizer | undefined;
  private readonly model: LayersModel;
  private dropoutRng: Rng;

  constructor(options: GruClassifierOptions) {
    this.options = resolveGruOptions(options);
    const seeds = createRng(this.options.seed);
    this.model = buildModel(this.options, seeds, (x, rate) => getTf().dropout(x, rate, undefined, this.dropoutRng.nextSeed()));
    this.dropoutRng = createRng(seeds.nextSeed());
  }

  /** Trains with Adam on binary cross-entropy; each call starts a fresh optimizer. */
  async fit(train: LabelledWindows, options: FitOptions): Promise<FitHistory> {
    checkFitOptions(options);
    const n = checkWindows('train', train, this.options, true);
    if (options.validation !== undefined) checkWindows('validation', options.validation, this.options, true);
    const tf = getTf();
    const { lookback, features } = this.options;
    const step = lookback * features;
    const history: FitHistory = { loss: [], valLoss: [], valAccuracy: [] };
    this.dropoutRng = createRng(options.rng.nextSeed());
    const optimizer = tf.train.adam(this.options.learningRate);
    const variables = this.model.trainableWeights.map((w) => w.read() as Variable);
    try {
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        const order = options.rng.shuffled(Array.from({ length: n }, (_, i) => i));
        let lossSum = 0;
        for (let from = 0; from < n; from += options.batchSize) {
          const size = Math.min(options.batchSize, n - from);
          const xb = new Float32Array(size * step), yb = new Float32Array(size);
          for (let j = 0; j < size; j++) {
            const i = order[from + j]!;
            xb.set(train.x.subarray(i * step, (i + 1) * step), j * step);
            yb[j] = train.y[i]!;
          }
          const cost = tf.tidy(() => {
            const xt = tf.tensor3d(xb, [size, lookback, features]);
            const yt = tf.tensor2d(yb, [size, 1]);
            const loss = () => tf.metrics.binaryCrossentropy(yt, this.model.apply(xt, { training: true }) as Tensor).mean() as Scalar;
            return optimizer.minimize(loss, true, variables)!;
          });
          lossSum += cost.dataSync()[0]! * size;
          cost.dispose();
        }
        this.releaseDropoutMasks();
        const logs: EpochLogs = { loss: lossSum / n, ...this.validationLogs(options.validation) };
        history.loss.push(logs.loss);
        if (logs.valLoss !== undefined) { history.valLoss.push(logs.valLoss); history.valAccuracy.push(logs.valAccuracy!); }
        await options.onEpochEnd?.(epoch, logs);
        // Lets a notebook or server stay responsive between epochs.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      optimizer.dispose();
      this.releaseDropoutMasks();
    }
    return history;
  }

  /** Probability of class 1 for each window of x. */
  predictProba(x: Float32Array): Float32Array {
    const n = checkWindows('x', { x, y: new Float32Array(0) }, this.options, false);
    const tf = getTf();
    const { lookback, features } = this.options;
    const step = lookback * features;
    const out = new Float32Array(n);
    for (let from = 0; from < n; from += PREDICT_BATCH) {
      const size = Math.min(PREDICT_BATCH, n - from);
      const probs = tf.tidy(() => {
        const xt = tf.tensor3d(x.subarray(from * step, (from + size) * step), [size, lookback, features]);
        return (this.model.apply(xt, { training: false }) as Tensor).dataSync() as Float32Array;
      });
      out.set(probs, from);
    }
    this.releaseDropoutMasks();
    return out;
  }

  /** Copies of the weight values, in the order of the saved weight specs. */
  getWeights(): Float32Array[] {
    return this.model.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
  }

  toArtifact(): GruArtifact {
    const config: GruArtifactConfig = {
      format: GRU_ARTIFACT_FORMAT,
      version: GRU_ARTIFACT_VERSION,
      options: { ...this.options },
      ...(this.standardizer ? { standardizer: this.standardizer.toJSON() } : {}),
    };
    const weightSpecs: WeightSpec[] = this.model.weights.map((w, i) => ({ name: WEIGHT_NAMES[i]!, shape: w.shape.map(Number), dtype: 'float32' }));
    return { config, weightSpecs, weightData: packWeights(this.getWeights()) };
  }

  static fromArtifact(artifact: GruArtifact, source = 'artifact'): GruClassifier {
    const config = artifact?.config;
    if (config?.format !== GRU_ARTIFACT_FORMAT || config.version !== GRU_ARTIFACT_VERSION) {
      throw new DataFormatError(source, undefined, `config is not a ${GRU_ARTIFACT_FORMAT} v${GRU_ARTIFACT_VERSION} artifact`, 'load a model saved by GruClassifier.save or toArtifact');
    }
    const model = new GruClassifier(config.options);
    const values = unpackWeights(artifact.weightData, artifact.weightSpecs, source);
    model.setWeights(values, artifact.weightSpecs, source);
    if (config.standardizer) model.standardizer = Standardizer.fromJSON(config.standardizer);
    return model;
  }

  /** Writes model.json and weights.bin into dir (created if needed). */
  save(dir: string): void {
    writeArtifact(dir, this.toArtifact());
  }

  static load(dir: string): GruClassifier {
    return GruClassifier.fromArtifact(readArtifact<GruArtifactConfig>(dir), dir);
  }

  /** Frees the model's tensors; the object is unusable afterwards. */
  dispose(): void {
    this.releaseDropoutMasks();
    this.model.dispose();
  }

  private setWeights(values: Float32Array[], specs: readonly WeightSpec[], source: string): void {
    const tf = getTf();
    const weights = this.model.weights;
    if (specs.length !== weights.length) {
      throw new DataFormatError(source, undefined, `has ${specs.length} weights, the model needs ${weights.length}`, 'load it with the options it was saved with');
    }
    weights.forEach((w, i) => {
      if (specs[i]!.shape.join('x') !== w.shape.join('x')) {
        throw new DataFormatError(source, undefined, `weight ${specs[i]!.name} has shape [${specs[i]!.shape}], the model needs [${w.shape}]`, 'load it with the options it was saved with');
      }
    });
    const tensors = values.map((v, i) => tf.tensor(v, weights[i]!.shape as number[]));
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  private validationLogs(validation: LabelledWindows | undefined): Partial<EpochLogs> {
    if (validation === undefined) return {};
    const p = this.predictProba(validation.x);
    let loss = 0, correct = 0;
    // Same clipping as tf.metrics.binaryCrossentropy (Keras epsilon 1e-7) so valLoss and loss compare.
    for (let i = 0; i < p.length; i++) {
      const q = Math.min(Math.max(p[i]!, 1e-7), 1 - 1e-7), y = validation.y[i]!;
      loss -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
      if ((q >= 0.5 ? 1 : 0) === y) correct++;
    }
    return { valLoss: loss / p.length, valAccuracy: correct / p.length };
  }

  // The GRU cell keeps its last dropout masks alive until its next call; freeing them here keeps
  // tf.memory().numTensors unchanged across fit() and predictProba().
  private releaseDropoutMasks(): void {
    const cell = (this.model.layers[0] as unknown as { cell?: { dropoutMask: Tensor | Tensor[] | null; recurrentDropoutMask: Tensor | Tensor[] | null } }).cell;
    if (!cell) return;
    if (cell.dropoutMask) { getTf().dispose(cell.dropoutMask); cell.dropoutMask = null; }
    if (cell.recurrentDropoutMask) { getTf().dispose(cell.recurrentDropoutMask); cell.recurrentDropoutMask = null; }
  }
}

type DropoutFunc = (x: Tensor, rate: number) => Tensor;

function buildModel(options: ResolvedGruOptions, seeds: Rng, dropoutFunc: DropoutFunc): LayersModel {
  const tf = getTf();
  const model = tf.sequential();
  const initialise = () => {
    model.add(tf.layers.gru({
      units: options.units,
      inputShape: [options.lookback, options.features],
      // Keras' default since 2.x; tfjs still defaults to hardSigmoid.
      recurrentActivation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seeds.nextSeed() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seeds.nextSeed() }),
      biasInitializer: 'zeros',
      dropout: options.dropout,
      dropoutFunc,
    }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seeds.nextSeed() }) }));
  };
  quietOrthogonalWarning(initialise);
  return model;
}

// tfjs warns on every orthogonal init above 2,000 elements (units >= 26); the QR it warns about
// takes milliseconds here, and the notice would print on every model built.
function quietOrthogonalWarning(action: () => void): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Orthogonal initializer is being called')) return;
    warn(...args);
  };
  try { action(); } finally { console.warn = warn; }
}
