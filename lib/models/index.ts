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
  type GruClassifierOptions, type ResolvedGruOptions, type FitOptions, type FitHistory, type LabelledWindows,
} from './gru-options';
export { MODEL_FILE, WEIGHTS_FILE, type ModelArtifact, type WeightSpec } from './artifact';
export { classificationMetrics, rocAuc, DEFAULT_THRESHOLD, type ClassificationMetrics, type ConfusionCounts } from './metrics';
export {
  fusedGru, fusedLstm, FusedGru, FusedLstm, sigmoidCrossEntropyHead, BCE_EPSILON,
  gruLayersToFused, gruFusedToLayers, lstmLayersToFused, lstmFusedToLayers, glorotUniform, orthogonal,
  NativeBackendRequiredError,
  FusedAdam, type FusedAdamOptions, DEFAULT_ADAM_LEARNING_RATE, DEFAULT_ADAM_BETA1, DEFAULT_ADAM_BETA2, DEFAULT_ADAM_EPSILON,
  type FusedGruWeights, type FusedLstmWeights, type GruOutput, type LstmOutput, type FusedRnnOptions,
  type LayersRnnWeights, type FusedArrays,
  maskedRnn, type MaskedRnnOutput,
} from './fused';
export {
  SequenceModel, SEQUENCE_PREDICT_BATCH, SEQUENCE_MODEL_FORMAT, SEQUENCE_MODEL_VERSION,
  DEFAULT_CELL, DEFAULT_TASK, DEFAULT_LAYERS, DEFAULT_POOLING, DEFAULT_SEQUENCE_DROPOUT, DEFAULT_CLASSES, DEFAULT_OUTPUTS,
  DEFAULT_HEAD_ACTIVATION, LAYER_NORM_EPSILON, resolveSequenceOptions, DEFAULT_RECURRENT_DROPOUT, recurrentMasks, RECURRENT_GATES,
  type SequenceModelOptions, type ResolvedSequenceOptions, type HeadOptions, type RecurrentCell, type SequenceTask,
  type SequencePooling, type HeadActivation, type SequenceData, type LossOptions, type Evaluation,
  type SequenceModelJSON, type SerializedWeight, type WeightShape,
} from './sequence';
export {
  fitSequenceModel, createSchedule, EarlyStopping, resolveEarlyStopping, clipByGlobalNorm, createProgress, formatEpoch, mlflowEpochLogger,
  DEFAULT_TRAIN_LEARNING_RATE, DEFAULT_PROGRESS, DEFAULT_STEP_GAMMA, DEFAULT_MIN_LEARNING_RATE, DEFAULT_PLATEAU_FACTOR,
  DEFAULT_PLATEAU_PATIENCE, DEFAULT_PLATEAU_MIN_DELTA, DEFAULT_EARLY_STOPPING_PATIENCE, DEFAULT_EARLY_STOPPING_MIN_DELTA,
  type TrainOptions, type TrainData, type TrainHistory, type EpochLogs, type ScheduleOptions, type StepSchedule,
  type CosineSchedule, type PlateauSchedule, type LearningRateSchedule, type MonitoredMetric, type MonitorMode,
  type EarlyStoppingOptions, type ResolvedEarlyStopping, type Progress, type ProgressKind, type TslabModule, type MetricBatchSink,
} from './train';
export {
  sequenceModelToOnnx, sequenceModelGraph, encodeOnnxModel, decodeOnnxModel, OnnxSession, OnnxSequencePredictor, OnnxRuntimeUnavailableError,
  ONNX_INPUT, ONNX_OUTPUT, ONNX_OPSET,
  type OnnxExportOptions, type OnnxSessionOptions, type OnnxModel, type WindowPredictor,
} from './onnx';
