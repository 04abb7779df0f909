// Public API of the evaluation domain: metrics, calibration, ensembles and out-of-sample evaluation
// over plain probability arrays, so every model (and every baseline) is scored the same way.
// Imports util, dataset and stats only; the models domain re-exports its metrics from here.
export type { Numbers } from './check';
export {
  evaluateClassifier, classificationMetrics, confusionCounts, logLoss, brierScore, DEFAULT_THRESHOLD,
  type ClassifierEvaluation, type ClassificationMetrics, type ConfusionCounts, type EvaluateOptions,
} from './metrics';
export { rocAuc, averagePrecision } from './ranking';
export { multiclassMetrics, type MulticlassEvaluation, type ClassScores } from './multiclass';
export {
  PlattCalibrator, IsotonicCalibrator, fitCalibrator, calibratorFromJSON, CALIBRATOR_FORMAT,
  type Calibrator, type CalibratorJSON, type PlattJSON, type IsotonicJSON, type CalibrationMethod,
} from './calibration';
export {
  calibrationCurve, DEFAULT_BINS, DEFAULT_BIN_STRATEGY,
  type CalibrationCurve, type CalibrationCurveOptions, type BinStrategy,
} from './reliability';
export { softVote, SoftVotingEnsemble, ENSEMBLE_FORMAT, type SoftVotingOptions, type SoftVotingJSON } from './ensemble';
export {
  fitLogisticRegression, LogisticRegression, DEFAULT_L2, DEFAULT_LOGISTIC_MAX_ITERATIONS, LOGISTIC_FORMAT,
  type LogisticRegressionOptions, type LogisticRegressionJSON,
} from './logistic';
export {
  walkForwardEvaluate, summarise, SUMMARY_METRICS,
  type WalkForwardEvaluateOptions, type WalkForwardEvaluation, type FoldEvaluation, type FitPredict,
  type EvaluationFold, type MetricSummary, type SummaryMetric,
} from './walk-forward';
export { baselines, type BaselineOptions, type Baselines } from './baselines';
