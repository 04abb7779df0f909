// Public API of the dataset domain: labels, time-ordered splits, scalers, feature selection and
// sequence windows, everything between feature columns and a model's fit(). Imports util, data,
// features and stats (special functions) only; TensorFlow is loaded on demand by windowsTensor.
export { type RowRange } from './check';
export {
  directionLabel, forwardReturn, tripleBarrierLabel, spreadReversionLabel, labelSpec,
  DEFAULT_LABEL_HORIZON, DEFAULT_DEAD_ZONE,
  type Label, type LabelSpec, type LabelParam, type DirectionLabelOptions, type ForwardReturnOptions,
  type BarrierPrices, type TripleBarrierOptions, type TripleBarrierLabel, type SpreadReversionOptions,
} from './labels';
export {
  trainValTestSplit, walkForward, purgedKFold, rangeIndices, DEFAULT_WALK_FORWARD_MODE,
  type TrainValTestSplit, type FractionSplitOptions, type DateSplitOptions, type WalkForwardOptions,
  type WalkForwardMode, type Fold, type PurgedKFoldOptions, type PurgedFold,
} from './splits';
export {
  StandardScaler, RobustScaler, MinMaxScaler, scalerFromJSON, columnsFromRows, rowsFromColumns,
  DEFAULT_QUANTILE_RANGE, DEFAULT_FEATURE_RANGE,
  type Scaler, type ScalerJSON, type StandardScalerJSON, type RobustScalerJSON, type MinMaxScalerJSON,
  type RobustScalerOptions, type MinMaxScalerOptions,
} from './scalers';
export {
  correlationFilter, anovaFTopK, pearson, rankFeatures, DEFAULT_CORRELATION_THRESHOLD,
  type CorrelationFilterOptions, type CorrelationFilterResult, type DroppedFeature, type FeatureRanking,
  type AnovaResult, type TopKOptions,
} from './selection';
export { mutualInformationTopK, digamma, DEFAULT_NEIGHBORS, type MutualInformationOptions } from './mutual-information';
export {
  permutationImportance, DEFAULT_REPEATS,
  type PredictFn, type MetricFn, type PermutationImportanceOptions, type PermutationImportance,
} from './permutation';
export { slidingWindows, type SlidingWindowOptions, type Windows } from './windows';
export { windowsTensor, type WindowTensors } from './windows-tensor';
