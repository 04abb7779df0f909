// A one-layer GRU binary classifier, gru(units) -> dense(1, sigmoid), as a thin front over
// SequenceModel (fused TensorFlow kernels) and the seeded trainer. Its weights keep the
// tfjs-layers layout and order, so artifacts saved when it ran on tf.layers still load unchanged.
import { DataFormatError } from '../util/errors';
import { createRng } from '../util/random';
import { packWeights, readArtifact, unpackWeights, writeArtifact, type ModelArtifact, type WeightSpec } from './artifact';
import {
  checkFitOptions, checkWindows, resolveGruOptions,
  type FitHistory, type FitOptions, type GruClassifierOptions, type LabelledWindows, type ResolvedGruOptions,
} from './gru-options';
import { SequenceModel, SEQUENCE_PREDICT_BATCH } from './sequence';
import { Standardizer, type StandardizerJSON } from './standardizer';
import { fitSequenceModel } from './train';

export const GRU_ARTIFACT_FORMAT = 'quantlab/gru-classifier';
export const GRU_ARTIFACT_VERSION = 1;
/** Windows per forward pass in predictProba: bounds memory on long series. */
export const PREDICT_BATCH = SEQUENCE_PREDICT_BATCH;
// The names the tf.layers version wrote; weights are matched by position and shape.
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
  /** The underlying model, for the trainer's other options or its JSON form. */
  readonly model: SequenceModel;

  constructor(options: GruClassifierOptions) {
    this.options = resolveGruOptions(options);
    const { lookback, features, units, dropout, seed } = this.options;
    this.model = new SequenceModel({ lookback, features, cell: 'gru', layers: [units], dropout }, createRng(seed));
  }

  /** Trains with Adam on binary cross-entropy; each call starts a fresh optimizer. */
  async fit(train: LabelledWindows, options: FitOptions): Promise<FitHistory> {
    checkFitOptions(options);
    checkWindows('train', train, this.options, true);
    if (options.validation !== undefined) checkWindows('validation', options.validation, this.options, true);
    const { validation, onEpochEnd, ...rest } = options;
    const h = await fitSequenceModel(this.model, { train, ...(validation ? { validation } : {}) }, {
      ...rest, learningRate: this.options.learningRate, ...(onEpochEnd ? { onEpoch: onEpochEnd } : {}),
    });
    return {
      loss: h.epochs.map((e) => e.loss),
      valLoss: validation ? h.epochs.map((e) => e.valLoss!) : [],
      valAccuracy: validation ? h.epochs.map((e) => e.valAccuracy!) : [],
      epochs: h.epochs, stoppedEarly: h.stoppedEarly, ...(h.bestEpoch !== undefined ? { bestEpoch: h.bestEpoch } : {}),
    };
  }

  /** Probability of class 1 for each window of x. */
  predictProba(x: Float32Array): Float32Array {
    checkWindows('x', { x, y: new Float32Array(0) }, this.options, false);
    return this.model.predict(x);
  }

  /** Copies of the weight values, in the order of the saved weight specs. */
  getWeights(): Float32Array[] {
    return this.model.getWeights();
  }

  toArtifact(): GruArtifact {
    const config: GruArtifactConfig = {
      format: GRU_ARTIFACT_FORMAT,
      version: GRU_ARTIFACT_VERSION,
      options: { ...this.options },
      ...(this.standardizer ? { standardizer: this.standardizer.toJSON() } : {}),
    };
    const weightSpecs: WeightSpec[] = this.model.weightSpecs().map((s, i) => ({ name: WEIGHT_NAMES[i]!, shape: s.shape, dtype: 'float32' }));
    return { config, weightSpecs, weightData: packWeights(this.getWeights()) };
  }

  static fromArtifact(artifact: GruArtifact, source = 'artifact'): GruClassifier {
    const config = artifact?.config;
    if (config?.format !== GRU_ARTIFACT_FORMAT || config.version !== GRU_ARTIFACT_VERSION) {
      throw new DataFormatError(source, undefined, `config is not a ${GRU_ARTIFACT_FORMAT} v${GRU_ARTIFACT_VERSION} artifact`, 'load a model saved by GruClassifier.save or toArtifact');
    }
    const model = new GruClassifier(config.options);
    try {
      const values = unpackWeights(artifact.weightData, artifact.weightSpecs, source);
      model.setWeights(values, artifact.weightSpecs, source);
    } catch (error) {
      model.dispose();
      throw error;
    }
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
    this.model.dispose();
  }

  private setWeights(values: Float32Array[], specs: readonly WeightSpec[], source: string): void {
    const expected = this.model.weightSpecs();
    if (specs.length !== expected.length) {
      throw new DataFormatError(source, undefined, `has ${specs.length} weights, the model needs ${expected.length}`, 'load it with the options it was saved with');
    }
    expected.forEach((w, i) => {
      if (specs[i]!.shape.join('x') !== w.shape.join('x')) {
        throw new DataFormatError(source, undefined, `weight ${specs[i]!.name} has shape [${specs[i]!.shape}], the model needs [${w.shape}]`, 'load it with the options it was saved with');
      }
    });
    this.model.setWeights(values);
  }
}
