// Public API of the lifecycle domain: cron schedules, a scheduler, the retrain-evaluate-promote
// loop and its alert records.
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
export { registryChampionMetrics, promoteToAlias, type RegisteredCandidate } from './mlflow';
