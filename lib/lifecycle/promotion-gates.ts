// Evaluates promotion gates on a candidate's metrics (and the champion's, on the same holdout) into a
// report that lists every gate with its value, threshold, verdict and reason. Every gate is checked,
// none short-circuits, so one report shows all that blocks a promotion. A metric the run did not
// log fails its gate: promotion is fail-closed.
import type { BaselineGate, ChampionGate, DistributionGate, PromotionGates, ThresholdGate } from './gates-config';
import { compareWithChampion, type Metrics } from './retrain';

export type PromotionGateKind = 'threshold' | 'champion' | 'distribution' | 'baseline';

export interface PromotionGateResult {
  readonly kind: PromotionGateKind;
  /** The gate in words, e.g. 'f1 > 0.65' or 'f1 vs champion'. */
  readonly gate: string;
  readonly metric: string;
  /** The candidate's value; undefined when its run lacks the metric. */
  readonly value: number | undefined;
  /** What the value had to meet, in words (derived bounds show where they come from). */
  readonly threshold: string;
  readonly passed: boolean;
  readonly reason: string;
}

export interface PromotionGateReport {
  readonly passed: boolean;
  readonly results: readonly PromotionGateResult[];
}

export interface ChampionEvidence {
  readonly version: string;
  /** The champion's metrics on the candidate's holdout. */
  readonly metrics: Metrics;
  /** Set when those metrics come from another holdout: every champion gate then fails with it. */
  readonly holdoutMismatch?: string;
}

/** Up to 4 significant digits, for reasons and thresholds (the report's `value` stays exact). */
export const fmt = (x: number): string => (Number.isFinite(x) && !Number.isInteger(x) ? String(Number(x.toPrecision(4))) : String(x));
const has = (m: Metrics, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);
const valueOf = (m: Metrics, k: string): number | undefined => (has(m, k) ? m[k] : undefined);
const missing = (metric: string): string => `${metric} is not logged on the candidate's run`;

function thresholdGate(g: ThresholdGate, metrics: Metrics): PromotionGateResult {
  const bounds: [string, number | undefined, (v: number, b: number) => boolean][] = [
    ['>=', g.min, (v, b) => v >= b], ['>', g.above, (v, b) => v > b], ['<=', g.max, (v, b) => v <= b], ['<', g.below, (v, b) => v < b],
  ];
  const set = bounds.filter((b): b is [string, number, (v: number, b: number) => boolean] => b[1] !== undefined);
  const threshold = set.map(([op, b]) => `${op} ${fmt(b)}`).join(' and ');
  const value = valueOf(metrics, g.metric);
  const base = { kind: 'threshold' as const, gate: `${g.metric} ${threshold}`, metric: g.metric, value, threshold };
  if (value === undefined) return { ...base, passed: false, reason: missing(g.metric) };
  if (Number.isNaN(value)) return { ...base, passed: false, reason: `${g.metric} is NaN` };
  const broken = set.find(([, b, ok]) => !ok(value, b));
  if (broken) return { ...base, passed: false, reason: `${g.metric} = ${fmt(value)} is not ${broken[0]} ${fmt(broken[1])}` };
  return { ...base, passed: true, reason: `${g.metric} = ${fmt(value)} ${threshold}` };
}

function championGates(g: ChampionGate, metrics: Metrics, champion: ChampionEvidence | undefined): PromotionGateResult[] {
  const pct = `${fmt(g.maxDegradation * 100)}%`;
  if (champion === undefined) {
    return Object.keys(g.metrics).map((metric) => ({
      kind: 'champion', gate: `${metric} vs champion`, metric, value: valueOf(metrics, metric), threshold: 'none (no champion yet)', passed: true, reason: 'no champion yet: nothing to compare',
    }));
  }
  if (champion.holdoutMismatch !== undefined) {
    return Object.keys(g.metrics).map((metric) => ({
      kind: 'champion', gate: `${metric} vs champion v${champion.version}`, metric, value: valueOf(metrics, metric), threshold: 'same holdout', passed: false, reason: champion.holdoutMismatch!,
    }));
  }
  return compareWithChampion(metrics, champion.metrics, g.metrics, g.maxDegradation).map((c): PromotionGateResult => {
    const bound = c.champion === undefined || Number.isNaN(c.champion) ? undefined
      : c.direction === 'higher' ? c.champion - g.maxDegradation * Math.abs(c.champion) : c.champion + g.maxDegradation * Math.abs(c.champion);
    const threshold = bound === undefined ? 'none (champion lacks it)'
      : `${c.direction === 'higher' ? '>=' : '<='} ${fmt(bound)} (champion ${fmt(c.champion!)}, at most ${pct} worse)`;
    return { kind: 'champion', gate: `${c.metric} vs champion v${champion.version}`, metric: c.metric, value: c.candidate, threshold, passed: !c.degraded, reason: c.reason };
  });
}

function distributionGates(g: DistributionGate, metrics: Metrics): PromotionGateResult[] {
  const rate = valueOf(metrics, g.positiveRateMetric);
  const band = `in [${fmt(g.minPositiveRate)}, ${fmt(g.maxPositiveRate)}]`;
  const rateOk = rate !== undefined && rate >= g.minPositiveRate && rate <= g.maxPositiveRate;
  const std = valueOf(metrics, g.stdMetric);
  const stdOk = std !== undefined && std > g.minStd;
  return [
    {
      kind: 'distribution', gate: `${g.positiveRateMetric} ${band}`, metric: g.positiveRateMetric, value: rate, threshold: band, passed: rateOk,
      reason: rate === undefined ? missing(g.positiveRateMetric)
        : rateOk ? `${fmt(rate)} of predictions are positive` : `${fmt(rate)} of predictions are positive, outside ${band}: the model (almost) always predicts one class`,
    },
    {
      kind: 'distribution', gate: `${g.stdMetric} > ${fmt(g.minStd)}`, metric: g.stdMetric, value: std, threshold: `> ${fmt(g.minStd)}`, passed: stdOk,
      reason: std === undefined ? missing(g.stdMetric)
        : stdOk ? `prediction std ${fmt(std)} > ${fmt(g.minStd)}` : `prediction std ${fmt(std)} is not > ${fmt(g.minStd)}: the predictions are (nearly) constant`,
    },
  ];
}

function baselineGate(g: BaselineGate, metrics: Metrics): PromotionGateResult {
  const value = valueOf(metrics, g.metric);
  const base = valueOf(metrics, g.baseline);
  const op = g.direction === 'higher' ? '>' : '<';
  const lift = g.minLift === 0 ? '' : ` ${g.direction === 'higher' ? '+' : '-'} ${fmt(g.minLift)}`;
  const threshold = `${op} ${g.baseline}${lift}${base === undefined ? '' : ` (${fmt(base + (g.direction === 'higher' ? g.minLift : -g.minLift))})`}`;
  const head = { kind: 'baseline' as const, gate: `${g.metric} ${op} ${g.baseline}${lift}`, metric: g.metric, value, threshold };
  if (value === undefined) return { ...head, passed: false, reason: missing(g.metric) };
  if (base === undefined) return { ...head, passed: false, reason: `${missing(g.baseline)}: log the baseline's score beside the model's` };
  const gain = g.direction === 'higher' ? value - base : base - value;
  const passed = gain > g.minLift;
  return { ...head, passed, reason: `${g.metric} = ${fmt(value)} vs ${g.baseline} = ${fmt(base)}: lift ${fmt(gain)}${passed ? ' >' : ' is not >'} ${fmt(g.minLift)}` };
}

export function evaluatePromotionGates(gates: PromotionGates, candidate: Metrics, champion?: ChampionEvidence): PromotionGateReport {
  const results: PromotionGateResult[] = [
    ...gates.thresholds.map((g) => thresholdGate(g, candidate)),
    ...(gates.champion ? championGates(gates.champion, candidate, champion) : []),
    ...(gates.distribution ? distributionGates(gates.distribution, candidate) : []),
    ...gates.baselines.map((g) => baselineGate(g, candidate)),
  ];
  return { passed: results.every((r) => r.passed), results };
}
