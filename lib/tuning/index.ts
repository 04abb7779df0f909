// Public API of the tuning domain: hyperparameter studies in the manner of Optuna (samplers,
// pruners, in-memory and MLflow storage, worker-thread parallelism).
export {
  floatDistribution, intDistribution, categoricalDistribution, isSingle, contains, toInternal, toExternal, sameDistribution, describeDistribution,
  type Distribution as ParamDistribution, type FloatDistribution, type IntDistribution, type CategoricalDistribution, type CategoricalChoice, type ParamValue,
  type SuggestFloatOptions, type SuggestIntOptions,
} from './distributions';
export { Trial, TrialPruned, type FrozenTrial, type TrialState, type Direction as StudyDirection, type TrialHost, type JsonValue } from './trial';
export {
  createStudy, loadStudy, copyStudy, Study,
  type CreateStudyOptions, type CopyStudyOptions, type LoadStudyOptions, type OptimizeOptions, type StudyObjective, type TellResult, type TrialRow,
} from './study';
export { type ObjectiveModule, DEFAULT_EXPORT_NAME } from './parallel';
export { RELATIVE_PARAMS_ATTR, type Sampler, type StudyView } from './samplers/base';
export { RandomSampler, DEFAULT_SAMPLER_SEED, type RandomSamplerOptions } from './samplers/random';
export { GridSampler, type GridSamplerOptions } from './samplers/grid';
export {
  TPESampler, defaultGamma, defaultWeights, splitTrials, intersectionSearchSpace, bestCandidate,
  DEFAULT_N_STARTUP_TRIALS, DEFAULT_N_EI_CANDIDATES, DEFAULT_PRIOR_WEIGHT, DEFAULT_TPE_MULTIVARIATE, type TPESamplerOptions, type TpeFit,
} from './samplers/tpe';
export { buildParzenEstimator, sampleParzen, logPdfParzen, type ParzenEstimator, type ParzenParameters, type Kernels } from './samplers/parzen';
export { ndtr, logNdtr, logGaussMass, truncnormPpf, truncnormLogPdf } from './samplers/truncnorm';
export { erf, erfc } from './samplers/erf';
export { NopPruner, type Pruner } from './pruners/base';
export {
  PercentilePruner, nanPercentile, DEFAULT_PRUNER_N_STARTUP_TRIALS, DEFAULT_N_WARMUP_STEPS, DEFAULT_INTERVAL_STEPS, DEFAULT_N_MIN_TRIALS,
  type PercentilePrunerOptions,
} from './pruners/percentile';
export { MedianPruner, type MedianPrunerOptions } from './pruners/median';
export { MemoryStorage } from './storage/memory';
export { MlflowStorage, type MlflowStorageOptions } from './storage/mlflow';
export { INTERRUPTED_REASON, type StudyStorage, type StoredStudy, type StudySpec } from './storage/types';
