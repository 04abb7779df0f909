// Public API of the tracking domain: a local MLflow server, a typed REST client, promotion gates
// and model registration.
export { MlflowApiError, MlflowUnavailableError, MlflowServerError, MlflowJournalError, isOutage } from './errors';
export { loadMlflowConfig, validateMlflowConfig, trackingUriOf, type MlflowConfig, type MlflowBackend, type PostgresConfig } from './config';
export {
  startMlflowServer, stopMlflowServer, mlflowServerStatus, isHealthy, DEFAULT_STATE_DIR,
  type MlflowServerOptions, type MlflowServerStatus, type StartResult, type StopResult,
} from './server';
export { freeLoopbackPort } from './proc';
export { MlflowClient, DEFAULT_REGISTRATION_TIMEOUT_MS, type MlflowClientOptions, type ResolvedModel, type SearchRunsOptions } from './client';
export { DEFAULT_RETRY, DEFAULT_REQUEST_TIMEOUT_MS, type RetryOptions } from './http';
export { chunkBatch, MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH, MAX_ENTITIES_PER_BATCH } from './batch';
export { parseModelUri, type ModelUriRef } from './modelUri';
export { evaluateGates, type Gate, type GateResult, type GateReport } from './gates';
export {
  registerModel, loadModelDir, mlmodelYaml, DEFAULT_ALIAS, MODEL_ARTIFACT_PATH, MLMODEL_FILE, QUANTLAB_FLAVOR,
  type RegisterModelOptions, type RegisterModelResult,
} from './registry';
export type { Experiment, Run, RunInfo, RunStatus, ModelVersion, RegisteredModel, ArtifactFile, MetricEntry, MetricPoint } from './types';
export { withRun, logRun, type RunSpec, type LogRunOptions, type LoggedRun } from './runs';
export { mlflowKey, mlflowKeys } from './keys';
export { logFigures, FIGURES_ARTIFACT_PATH } from './figures';
export { DEFAULT_OFFLINE_DIR, DEFAULT_OFFLINE_PROBE_MS, DEFAULT_OFFLINE_MAX_ARTIFACT_BYTES, type OfflineStatus } from './offline';
export type { OfflineFlushReport } from './replay';
export {
  DEFAULT_RUNS_PAGE_SIZE, DEFAULT_EXPERIMENTS_PAGE_SIZE, DEFAULT_HISTORY_PAGE_SIZE,
  type SearchAllRunsOptions, type SearchExperimentsOptions, type SearchRegistryOptions, type MetricHistoryOptions, type ViewType,
} from './search';
