export { loadPipelineConfig, checkPipelineConfig, artifactsPath, pipelineParams, type PipelineConfig, type GateSpec } from './config';
export { timeSplit, type RowRange, type TimeSplit } from './split';
export {
  directionSplit, scaledReturns, fitVolatility, garchVolatilityFeature, directionFeatures, buildDirectionDataset,
  predictDirection, saveDirectionModel, loadDirectionModel, VOLATILITY_FILE, PIPELINE_FILE, GARCH_FEATURE,
  type VolatilityArtifact, type DirectionDataset, type DirectionModel,
} from './direction';
export { createFeatureRegistry, defaultFeatureSet, DEFAULT_FEATURE_REQUESTS, DEFAULT_FEATURE_SET_NAME } from './features';
export {
  buildPairsDataset, closeBars, DEFAULT_PAIRS_ZSCORE_WINDOW, DEFAULT_PAIRS_LABEL,
  type PairsDataset, type PairsDatasetOptions, type PairsFeatureSpec,
} from './pairs';
export {
  evaluatePairsGru, trainPairsModel, loadPairsModel, PAIRS_MODEL_FILES, DEFAULT_PAIRS_MODEL, type PairsModelConfig, type PairsEvaluation, type PairsEvaluationRow,
} from './pairs-model';
export { pairsPositions, DEFAULT_PAIRS_POSITIONS, type PairsPositionOptions } from './pairs-positions';
export {
  evaluateDirectionLstm, trainDirectionLstm, loadDirectionLstm, predictDirectionLstm, DEFAULT_DIRECTION_LSTM, DIRECTION_FEATURE_REQUESTS, DIRECTION_FEATURE_NAMES,
  type DirectionLstmConfig, type DirectionLstmEvaluation, type DirectionLstmModel,
} from './direction-lstm';
export {
  evaluateSequenceFolds, evaluationRow, firstScoredRow, walkForwardFrom,
  type SequenceFoldsOptions, type SequenceFoldsResult, type EvaluationRow,
} from './sequence-folds';
export { trainDeployable, loadDeployable, SEQUENCE_MODEL_FILES, type TrainDeployableOptions, type DeployableModel } from './deployable';
