// Public API of the models domain.
// RowRange is left to the pipeline domain, which exports the same shape under that name.
export { makeSequences, type Sequences } from './sequences';
export { Standardizer, type StandardizerJSON } from './standardizer';
export {
  GruClassifier, GRU_ARTIFACT_FORMAT, GRU_ARTIFACT_VERSION, PREDICT_BATCH,
  type GruArtifact, type GruArtifactConfig,
} from './gru-classifier';
export {
  DEFAULT_UNITS, DEFAULT_DROPOUT, DEFAULT_LEARNING_RATE,
  type GruClassifierOptions, type ResolvedGruOptions, type FitOptions, type FitHistory, type EpochLogs, type LabelledWindows,
} from './gru-options';
export { MODEL_FILE, WEIGHTS_FILE, type ModelArtifact, type WeightSpec } from './artifact';
export { classificationMetrics, rocAuc, DEFAULT_THRESHOLD, type ClassificationMetrics, type ConfusionCounts } from './metrics';
