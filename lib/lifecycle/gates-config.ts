// Promotion gates as data: which checks a registered version must clear before it becomes the
// champion. Typed, with the roadmap's defaults as named constants, and loadable from
// configs/gates.json (a section left out takes its default; `null` or [] turns it off).
import * as fs from 'node:fs';
import { ConfigError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import type { MetricDirection } from './retrain';

/** An absolute bound on one metric: min/max are inclusive, above/below strict. */
export interface ThresholdGate {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
  readonly below?: number;
}

/** The candidate may be at most `maxDegradation` (relative) worse than the champion on each metric. */
export interface ChampionGate {
  readonly maxDegradation: number;
  readonly metrics: Readonly<Record<string, MetricDirection>>;
}

/** The predictions must not be degenerate: a positive rate inside a band and a spread above a floor. */
export interface DistributionGate {
  readonly positiveRateMetric: string;
  readonly minPositiveRate: number;
  readonly maxPositiveRate: number;
  readonly stdMetric: string;
  /** Strict: a std equal to the floor fails. */
  readonly minStd: number;
}

/** The metric must beat a baseline logged on the same run (e.g. f1 above baseline_f1) by more than minLift. */
export interface BaselineGate {
  readonly metric: string;
  readonly baseline: string;
  readonly direction: MetricDirection;
  readonly minLift: number;
}

export interface PromotionGates {
  readonly thresholds: readonly ThresholdGate[];
  readonly champion: ChampionGate | null;
  readonly distribution: DistributionGate | null;
  readonly baselines: readonly BaselineGate[];
}

/** What callers and configs/gates.json may write: any section may be left out (default) or null (off). */
export interface PromotionGatesInput {
  readonly thresholds?: readonly ThresholdGate[];
  readonly champion?: Partial<ChampionGate> | null;
  readonly distribution?: Partial<DistributionGate> | null;
  readonly baselines?: readonly (Pick<BaselineGate, 'metric' | 'baseline'> & Partial<BaselineGate>)[];
}

export const DEFAULT_MIN_F1 = 0.65;
export const DEFAULT_MIN_ACCURACY = 0.7;
export const DEFAULT_PROMOTION_MAX_DEGRADATION = 0.1;
export const DEFAULT_MIN_POSITIVE_RATE = 0.05;
export const DEFAULT_MAX_POSITIVE_RATE = 0.95;
/** Predicted probabilities that vary by less than this are treated as a constant prediction. */
export const DEFAULT_MIN_PRED_STD = 0.01;
export const PRED_POSITIVE_RATE_METRIC = 'pred_positive_rate';
export const PRED_STD_METRIC = 'pred_std';
export const GATES_CONFIG_FILE = 'configs/gates.json';

export const DEFAULT_PROMOTION_GATES: PromotionGates = {
  thresholds: [{ metric: 'f1', above: DEFAULT_MIN_F1 }, { metric: 'accuracy', above: DEFAULT_MIN_ACCURACY }],
  champion: { maxDegradation: DEFAULT_PROMOTION_MAX_DEGRADATION, metrics: { f1: 'higher', accuracy: 'higher' } },
  distribution: {
    positiveRateMetric: PRED_POSITIVE_RATE_METRIC, minPositiveRate: DEFAULT_MIN_POSITIVE_RATE, maxPositiveRate: DEFAULT_MAX_POSITIVE_RATE,
    stdMetric: PRED_STD_METRIC, minStd: DEFAULT_MIN_PRED_STD,
  },
  baselines: [{ metric: 'f1', baseline: 'baseline_f1', direction: 'higher', minLift: 0 }],
};

type Fail = (field: string, value: unknown, problem: string, fix: string) => never;

const SECTIONS = ['thresholds', 'champion', 'distribution', 'baselines'];
const THRESHOLD_KEYS = ['metric', 'min', 'max', 'above', 'below'];
const CHAMPION_KEYS = ['maxDegradation', 'metrics'];
const DISTRIBUTION_KEYS = ['positiveRateMetric', 'minPositiveRate', 'maxPositiveRate', 'stdMetric', 'minStd'];
const BASELINE_KEYS = ['metric', 'baseline', 'direction', 'minLift'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(fail: Fail, field: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${field}.${key}`, value[key], 'is not a known field', `use only: ${allowed.join(', ')}`);
  }
}

function name(fail: Fail, field: string, v: unknown): string {
  return typeof v === 'string' && v.length > 0 ? v : fail(field, v, 'must be a non-empty metric name', "name a metric logged on the run, e.g. 'f1'");
}

function finite(fail: Fail, field: string, v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(field, v, 'must be a finite number', 'give a numeric bound');
}

function direction(fail: Fail, field: string, v: unknown): MetricDirection {
  return v === 'higher' || v === 'lower' ? v : fail(field, v, "must be 'higher' or 'lower'", 'say which way the metric improves');
}

function threshold(fail: Fail, field: string, raw: unknown): ThresholdGate {
  if (!isObject(raw)) return fail(field, raw, 'must be an object', 'write { "metric": "f1", "above": 0.65 }');
  checkKeys(fail, field, raw, THRESHOLD_KEYS);
  const gate: Record<string, unknown> = { metric: name(fail, `${field}.metric`, raw.metric) };
  for (const bound of ['min', 'max', 'above', 'below'] as const) {
    if (raw[bound] !== undefined) gate[bound] = finite(fail, `${field}.${bound}`, raw[bound]);
  }
  const g = gate as unknown as ThresholdGate;
  if (g.min === undefined && g.max === undefined && g.above === undefined && g.below === undefined) fail(field, raw, 'sets no bound', 'give one of min, max, above, below');
  const lo = (x: number | undefined): number => x ?? -Infinity;
  const hi = (x: number | undefined): number => x ?? Infinity;
  if (lo(g.min) > hi(g.max) || lo(g.min) >= hi(g.below) || lo(g.above) >= hi(g.max) || lo(g.above) >= hi(g.below)) {
    fail(field, raw, 'has bounds that nothing can pass', 'fix or swap the bounds');
  }
  return g;
}

function champion(fail: Fail, raw: unknown): ChampionGate | null {
  if (raw === null) return null;
  if (raw === undefined) return DEFAULT_PROMOTION_GATES.champion;
  if (!isObject(raw)) return fail('champion', raw, 'must be an object or null', 'write { "maxDegradation": 0.1, "metrics": { "f1": "higher" } } or null to turn it off');
  checkKeys(fail, 'champion', raw, CHAMPION_KEYS);
  const defaults = DEFAULT_PROMOTION_GATES.champion!;
  const max = raw.maxDegradation ?? defaults.maxDegradation;
  if (!(typeof max === 'number' && Number.isFinite(max) && max >= 0)) fail('champion.maxDegradation', max, 'must be a fraction >= 0', `use e.g. ${DEFAULT_PROMOTION_MAX_DEGRADATION} for 10%`);
  const metricsRaw = raw.metrics ?? defaults.metrics;
  if (!isObject(metricsRaw)) return fail('champion.metrics', metricsRaw, 'must be an object of metric -> direction', 'write { "f1": "higher", "logloss": "lower" }');
  const metrics = Object.fromEntries(Object.entries(metricsRaw).map(([k, v]) => [k, direction(fail, `champion.metrics.${k}`, v)]));
  return { maxDegradation: max as number, metrics };
}

function distribution(fail: Fail, raw: unknown): DistributionGate | null {
  if (raw === null) return null;
  if (raw === undefined) return DEFAULT_PROMOTION_GATES.distribution;
  if (!isObject(raw)) return fail('distribution', raw, 'must be an object or null', 'write { "minPositiveRate": 0.05, "maxPositiveRate": 0.95, "minStd": 0.01 } or null to turn it off');
  checkKeys(fail, 'distribution', raw, DISTRIBUTION_KEYS);
  const d = { ...DEFAULT_PROMOTION_GATES.distribution!, ...raw } as Record<string, unknown>;
  const g: DistributionGate = {
    positiveRateMetric: name(fail, 'distribution.positiveRateMetric', d.positiveRateMetric),
    minPositiveRate: finite(fail, 'distribution.minPositiveRate', d.minPositiveRate),
    maxPositiveRate: finite(fail, 'distribution.maxPositiveRate', d.maxPositiveRate),
    stdMetric: name(fail, 'distribution.stdMetric', d.stdMetric),
    minStd: finite(fail, 'distribution.minStd', d.minStd),
  };
  if (!(g.minPositiveRate >= 0 && g.minPositiveRate < g.maxPositiveRate && g.maxPositiveRate <= 1)) {
    fail('distribution', { minPositiveRate: g.minPositiveRate, maxPositiveRate: g.maxPositiveRate }, 'needs 0 <= minPositiveRate < maxPositiveRate <= 1', `use e.g. ${DEFAULT_MIN_POSITIVE_RATE} and ${DEFAULT_MAX_POSITIVE_RATE}`);
  }
  if (g.minStd < 0) fail('distribution.minStd', g.minStd, 'must be >= 0', `use e.g. ${DEFAULT_MIN_PRED_STD}`);
  return g;
}

function baseline(fail: Fail, field: string, raw: unknown): BaselineGate {
  if (!isObject(raw)) return fail(field, raw, 'must be an object', 'write { "metric": "f1", "baseline": "baseline_f1" }');
  checkKeys(fail, field, raw, BASELINE_KEYS);
  return {
    metric: name(fail, `${field}.metric`, raw.metric),
    baseline: name(fail, `${field}.baseline`, raw.baseline),
    direction: raw.direction === undefined ? 'higher' : direction(fail, `${field}.direction`, raw.direction),
    minLift: raw.minLift === undefined ? 0 : finite(fail, `${field}.minLift`, raw.minLift),
  };
}

function list<T>(fail: Fail, field: string, raw: unknown, fallback: readonly T[], one: (fail: Fail, f: string, r: unknown) => T): readonly T[] {
  if (raw === undefined) return fallback;
  if (!Array.isArray(raw)) return fail(field, raw, 'must be an array', `write [] to turn the ${field} off`);
  return raw.map((r, i) => one(fail, `${field}[${i}]`, r));
}

/**
 * Checks a gates object field by field and fills left-out sections with the defaults; `source`
 * names the file in errors (or 'gates' for an argument).
 */
export function resolvePromotionGates(raw: unknown = {}, source = 'gates'): PromotionGates {
  const fail: Fail = (field, value, problem, fix) => {
    if (source === 'gates') throw new InvalidArgumentError(`gates.${field}`, value, problem, fix);
    throw new ConfigError(source, field, `${problem} (got ${JSON.stringify(value)})`, fix);
  };
  if (!isObject(raw)) return fail('(root)', raw, 'must be an object', `see ${GATES_CONFIG_FILE}`);
  checkKeys(fail, '(root)', raw, SECTIONS);
  return {
    thresholds: list(fail, 'thresholds', raw.thresholds, DEFAULT_PROMOTION_GATES.thresholds, threshold),
    champion: champion(fail, raw.champion),
    distribution: distribution(fail, raw.distribution),
    baselines: list(fail, 'baselines', raw.baselines, DEFAULT_PROMOTION_GATES.baselines, baseline),
  };
}

/** Reads and checks a gates JSON file (e.g. configs/gates.json). */
export function loadPromotionGates(file: string): PromotionGates {
  if (!fs.existsSync(file)) throw new FileNotFoundError(file, `pass an existing gates file, e.g. ${GATES_CONFIG_FILE}, or leave the option out for the defaults`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, '(file)', `is not valid JSON (${(error as Error).message})`, 'fix the JSON syntax');
  }
  return resolvePromotionGates(raw, file);
}
