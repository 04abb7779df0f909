// One retraining cycle: train a candidate on the newest data, evaluate it, compare it with the
// champion on the same holdout, and promote it only when every gate passes and no compared metric
// is worse than the champion's by more than the allowed fraction. Every outcome leaves an alert
// record. All steps are passed in, so the loop runs without MLflow (see ./mlflow for the registry).
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { evaluateGates, type Gate, type GateReport } from '../tracking/gates';
import { fileAlertSink, type AlertKind, type AlertLevel, type AlertRecord, type AlertSink } from './alerts';
import { systemClock, type Clock } from '../data/providers/clock';

export type Metrics = Readonly<Record<string, number>>;
export type MetricDirection = 'higher' | 'lower';

export interface RetrainOptions<C> {
  /** Names the job in alert records (default 'retrain'). */
  readonly job?: string;
  /** Trains a candidate on the newest data. */
  readonly train: () => C | Promise<C>;
  /** The candidate's metrics on the holdout. */
  readonly evaluate: (candidate: C) => Metrics | Promise<Metrics>;
  /** The champion's metrics on the same holdout; undefined when there is no champion yet. */
  readonly champion: () => Metrics | undefined | Promise<Metrics | undefined>;
  /** Absolute thresholds (lib/tracking/gates.ts); all must pass. */
  readonly gates: readonly Gate[];
  /** Largest allowed relative worsening per compared metric (default DEFAULT_MAX_DEGRADATION = 0.10). */
  readonly maxDegradation?: number;
  /**
   * Metrics compared with the champion and which way is better. Default: each gated metric, 'higher'
   * when its gate sets only a min, 'lower' when only a max (a metric gated on both sides is a band,
   * with no better direction, and is not compared unless named here).
   */
  readonly directions?: Readonly<Record<string, MetricDirection>>;
  /** Makes the candidate the champion (e.g. moves the registry alias). */
  readonly promote: (candidate: C, decision: RetrainDecision) => void | Promise<void>;
  /** Default: appends to reports/alerts.jsonl. */
  readonly alert?: AlertSink;
  readonly clock?: Pick<Clock, 'now'>;
}

export interface MetricComparison {
  readonly metric: string;
  readonly direction: MetricDirection;
  readonly candidate: number | undefined;
  readonly champion: number | undefined;
  /**
   * (champion - candidate) / |champion| for 'higher' metrics, the reverse for 'lower': positive is
   * worse. With a champion of 0 it is +-Infinity (or 0 when equal); undefined when not comparable.
   */
  readonly degradation: number | undefined;
  readonly degraded: boolean;
  readonly reason: string;
}

export interface RetrainDecision {
  readonly promote: boolean;
  readonly candidateMetrics: Metrics;
  readonly championMetrics: Metrics | undefined;
  readonly gates: GateReport;
  readonly comparisons: readonly MetricComparison[];
  /** Why it was (not) promoted, one line per gate and comparison. */
  readonly reasons: readonly string[];
}

export type RetrainStage = 'train' | 'evaluate' | 'champion' | 'promote';

export interface RetrainResult {
  readonly outcome: 'promoted' | 'kept' | 'error';
  /** Absent when a step before the decision failed. */
  readonly decision?: RetrainDecision;
  readonly error?: { readonly stage: RetrainStage; readonly message: string };
  readonly alerts: readonly AlertRecord[];
}

export const DEFAULT_MAX_DEGRADATION = 0.1;
export const DEFAULT_RETRAIN_JOB = 'retrain';
const OPTION_KEYS = ['job', 'train', 'evaluate', 'champion', 'gates', 'maxDegradation', 'directions', 'promote', 'alert', 'clock'];

/** The compared metrics implied by the gates (see RetrainOptions.directions). */
export function directionsFromGates(gates: readonly Gate[]): Record<string, MetricDirection> {
  const seen = new Map<string, MetricDirection | null>();
  for (const g of gates) {
    const dir: MetricDirection | null = g.min !== undefined && g.max === undefined ? 'higher' : g.max !== undefined && g.min === undefined ? 'lower' : null;
    const before = seen.get(g.metric);
    seen.set(g.metric, before === undefined || before === dir ? dir : null);
  }
  return Object.fromEntries([...seen].filter((e): e is [string, MetricDirection] => e[1] !== null));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const valueOf = (m: Metrics, k: string): number | undefined => (Object.prototype.hasOwnProperty.call(m, k) ? m[k] : undefined);

export function compareWithChampion(candidate: Metrics, champion: Metrics, directions: Readonly<Record<string, MetricDirection>>, maxDegradation: number): MetricComparison[] {
  return Object.entries(directions).map(([metric, direction]): MetricComparison => {
    const cand = valueOf(candidate, metric);
    const champ = valueOf(champion, metric);
    const base = { metric, direction, candidate: cand, champion: champ };
    if (!isNumber(champ)) return { ...base, degradation: undefined, degraded: false, reason: `champion has no ${metric}: not compared` };
    if (!isNumber(cand)) return { ...base, degradation: undefined, degraded: true, reason: `candidate has no ${metric} to compare with the champion's ${champ}` };
    const worse = direction === 'higher' ? champ - cand : cand - champ;
    const degradation = champ === 0 ? (worse === 0 ? 0 : Math.sign(worse) * Infinity) : worse / Math.abs(champ);
    const degraded = degradation > maxDegradation;
    const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : String(x));
    const reason = `${metric} ${cand} vs champion ${champ} (${direction} is better): ${degradation > 0 ? `${pct(degradation)} worse` : 'not worse'}`
      + (degraded ? `, beyond the ${pct(maxDegradation)} allowed` : '');
    return { ...base, degradation, degraded, reason };
  });
}

function checkMetrics(metrics: unknown, what: string): Metrics {
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new InvalidArgumentError(what, metrics, 'must return an object of metric values', "return e.g. { sharpe: 1.2, maxDrawdown: 0.15 }");
  }
  return metrics as Metrics;
}

function validate<C>(options: RetrainOptions<C>): void {
  rejectUnknownOptions('options', options, OPTION_KEYS);
  for (const key of ['train', 'evaluate', 'champion', 'promote'] as const) {
    if (typeof options[key] !== 'function') throw new InvalidArgumentError(`options.${key}`, options[key], 'must be a function', 'pass the step as a function (it may be async)');
  }
  if (options.alert !== undefined && typeof options.alert !== 'function') throw new InvalidArgumentError('options.alert', options.alert, 'must be a function', 'pass fileAlertSink({ dir }) or omit it');
  if (options.job !== undefined && (typeof options.job !== 'string' || options.job.length === 0)) throw new InvalidArgumentError('options.job', options.job, 'must be a non-empty string', "name it, e.g. 'retrain-daily'");
  const max = options.maxDegradation;
  if (max !== undefined && !(typeof max === 'number' && Number.isFinite(max) && max >= 0)) {
    throw new InvalidArgumentError('options.maxDegradation', max, 'must be a fraction >= 0', `pass e.g. ${DEFAULT_MAX_DEGRADATION} for 10%`);
  }
  for (const [metric, dir] of Object.entries(options.directions ?? {})) {
    if (dir !== 'higher' && dir !== 'lower') throw new InvalidArgumentError(`options.directions.${metric}`, dir, "must be 'higher' or 'lower'", 'say which way the metric improves');
  }
  evaluateGates({}, options.gates); // throws on malformed gates before anything is trained
}

/** Runs one cycle. Step failures do not throw: they end the cycle with an 'error' alert and outcome. */
export async function runRetraining<C>(options: RetrainOptions<C>): Promise<RetrainResult> {
  validate(options);
  const job = options.job ?? DEFAULT_RETRAIN_JOB;
  const clock = options.clock ?? systemClock;
  const sink = options.alert ?? fileAlertSink();
  const maxDegradation = options.maxDegradation ?? DEFAULT_MAX_DEGRADATION;
  const directions = options.directions ?? directionsFromGates(options.gates);
  const alerts: AlertRecord[] = [];
  const alert = async (level: AlertLevel, kind: AlertKind, details: Record<string, unknown>): Promise<void> => {
    const record: AlertRecord = { time: new Date(clock.now()).toISOString(), job, level, kind, details };
    await sink(record);
    alerts.push(record);
  };
  let stage: RetrainStage = 'train';
  let decision: RetrainDecision | undefined;
  try {
    const candidate = await options.train();
    stage = 'evaluate';
    const candidateMetrics = checkMetrics(await options.evaluate(candidate), 'evaluate(candidate)');
    stage = 'champion';
    const found = await options.champion();
    const championMetrics = found === undefined ? undefined : checkMetrics(found, 'champion()');
    const gates = evaluateGates(candidateMetrics, options.gates);
    const comparisons = championMetrics === undefined ? [] : compareWithChampion(candidateMetrics, championMetrics, directions, maxDegradation);
    const promote = gates.passed && comparisons.every((c) => !c.degraded);
    const reasons = [
      ...gates.results.map((r) => `gate ${r.passed ? 'passed' : 'failed'}: ${r.reason}`),
      ...(championMetrics === undefined ? ['no champion yet: gates alone decide'] : comparisons.map((c) => c.reason)),
    ];
    decision = { promote, candidateMetrics, championMetrics, gates, comparisons, reasons };
    if (promote) {
      stage = 'promote';
      await options.promote(candidate, decision);
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await alert('error', 'error', { stage, message });
    return { outcome: 'error', ...(decision === undefined ? {} : { decision }), error: { stage, message }, alerts };
  }
  const facts = { candidate: decision.candidateMetrics, champion: decision.championMetrics ?? null, reasons: decision.reasons };
  if (decision.promote) {
    await alert('info', 'promoted', facts);
    return { outcome: 'promoted', decision, alerts };
  }
  if (!decision.gates.passed) await alert('warning', 'gate_failed', { ...facts, failed: decision.gates.results.filter((r) => !r.passed) });
  const degraded = decision.comparisons.filter((c) => c.degraded);
  if (degraded.length > 0) await alert('warning', 'degraded', { ...facts, degraded, maxDegradation });
  return { outcome: 'kept', decision, alerts };
}
