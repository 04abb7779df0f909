// Public API of the trainer.
export { fitSequenceModel } from './fit';
export { DEFAULT_TRAIN_LEARNING_RATE, DEFAULT_PROGRESS, type TrainOptions, type TrainData, type TrainHistory, type EpochLogs } from './options';
export {
  createSchedule, DEFAULT_STEP_GAMMA, DEFAULT_MIN_LEARNING_RATE, DEFAULT_PLATEAU_FACTOR, DEFAULT_PLATEAU_PATIENCE, DEFAULT_PLATEAU_MIN_DELTA,
  type ScheduleOptions, type StepSchedule, type CosineSchedule, type PlateauSchedule, type LearningRateSchedule, type MonitoredMetric, type MonitorMode,
} from './schedule';
export {
  EarlyStopping, resolveEarlyStopping, DEFAULT_EARLY_STOPPING_PATIENCE, DEFAULT_EARLY_STOPPING_MIN_DELTA,
  type EarlyStoppingOptions, type ResolvedEarlyStopping,
} from './early-stopping';
export { clipByGlobalNorm } from './clip';
export { createProgress, formatEpoch, type Progress, type ProgressKind, type TslabModule } from './progress';
export { mlflowEpochLogger, type MetricBatchSink } from './mlflow';
