// Public API of the lifecycle domain: cron schedules, a scheduler, the retrain-evaluate-promote
// loop and its alert records, and gated promotion/rollback of the registry's champion.
export {
  parseCron, CRON_MACROS, DEFAULT_DAILY_SCHEDULE, DEFAULT_WEEKLY_SCHEDULE, DEFAULT_SCHEDULE_TIMEZONE, type CronExpression,
} from './cron';
export { nextRun, nextRuns, type NextRunOptions } from './next-run';
export { systemTimers, ManualClock, type Timers } from './clock';
export {
  Scheduler, DEFAULT_MAX_EVENTS, MAX_TIMER_DELAY_MS,
  type SchedulerOptions, type JobSpec, type JobContext, type SchedulerEvent, type SchedulerEventKind,
} from './scheduler';
export { readSchedulerState, STATE_FILE_VERSION, type JobRecord, type JobStatus } from './state';
export {
  appendAlert, readAlerts, fileAlertSink, alertsFile, DEFAULT_ALERTS_DIR, ALERTS_FILE, ALERT_KINDS, ALERT_LEVELS,
  type AlertRecord, type AlertKind, type AlertLevel, type AlertSink, type AlertLogOptions, type ReadAlertsOptions,
} from './alerts';
export {
  runRetraining, compareWithChampion, directionsFromGates, DEFAULT_MAX_DEGRADATION, DEFAULT_RETRAIN_JOB,
  type RetrainOptions, type RetrainResult, type RetrainDecision, type RetrainStage, type MetricComparison, type Metrics, type MetricDirection,
} from './retrain';
export { registryChampionMetrics, promoteToAlias, gatesFromDecision, type RegisteredCandidate, type PromoteToAliasOptions } from './mlflow';
export {
  resolvePromotionGates, loadPromotionGates, DEFAULT_PROMOTION_GATES, DEFAULT_MIN_F1, DEFAULT_MIN_ACCURACY, DEFAULT_PROMOTION_MAX_DEGRADATION,
  DEFAULT_MIN_POSITIVE_RATE, DEFAULT_MAX_POSITIVE_RATE, DEFAULT_MIN_PRED_STD, PRED_POSITIVE_RATE_METRIC, PRED_STD_METRIC, GATES_CONFIG_FILE,
  type PromotionGates, type PromotionGatesInput, type ThresholdGate, type ChampionGate, type DistributionGate, type BaselineGate,
} from './gates-config';
export {
  evaluatePromotionGates, type PromotionGateReport, type PromotionGateResult, type PromotionGateKind, type ChampionEvidence,
} from './promotion-gates';
export { promote, rollback, type PromoteOptions, type RollbackOptions, type PromoteResult, type RollbackResult, type HoldoutMetrics } from './promotion';
export { registerAndPromote, promotionGatesFrom, type RegisterAndPromoteOptions, type RegisterAndPromoteResult } from './register';
export { registryStatus, type RegistryStatus, type RegistryStatusOptions, type VersionSummary } from './registry-status';
export { PromotionRefusedError, RegistryBusyError, type RefusalCode, type BusyCode, type RegistryAction } from './errors';
export {
  ModelLease, parseLease, DEFAULT_LEASE_MS, DEFAULT_LEASE_SETTLE_MS, DEFAULT_LEASE_WAIT_MS, DEFAULT_LEASE_POLL_MS,
  type LeaseOptions, type LeaseRecord, type LeaseClock,
} from './lease';
export {
  historyTag, fallbackOf, TAG_LOCK, TAG_FALLBACK, TAG_PROMOTED_AT, TAG_GATES, TAG_ROLLED_BACK, TAG_HOLDOUT, DEFAULT_CHALLENGER_ALIAS, MAX_HISTORY_CHARS,
  type ChampionHistoryEntry,
} from './registry-state';
