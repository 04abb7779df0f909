// The second roadmap's model: a single asset's next-day direction from the registry's scale-free
// features, predicted by a stacked LSTM over a 60-bar lookback, evaluated on purged walk-forward
// folds next to the baselines on the same rows (majority class, a 5-day momentum rule, logistic
// regression on the same features). The features come from the same FeatureSet a live system
// would stream, so what is evaluated is what would trade.
import type { Bars } from '../data/bars';
import { directionLabel, type Label } from '../dataset/labels';
import type { Fold } from '../dataset/splits';
import { baselines, type Baselines } from '../evaluation/baselines';
import type { WalkForwardEvaluation } from '../evaluation/walk-forward';
import { computeFeatures, defineFeatureSet, type FeatureRegistry, type FeatureSet } from '../features/registry';
import type { EpochLogs } from '../models/train';
import { rejectUnknownOptions } from '../util/options';
import { createFeatureRegistry } from './features';
import { evaluateSequenceFolds, evaluationRow, firstScoredRow, walkForwardFrom, type EvaluationRow } from './sequence-folds';

/** The roadmap's LSTM: 60-bar lookback, two layers of 128. */
export const DEFAULT_DIRECTION_LSTM = {
  lookback: 60, layers: [128, 128] as readonly number[], dropout: 0.2, learningRate: 1e-3, batchSize: 64, epochs: 10,
  trainSize: 2000, testSize: 500, deadZone: 0, seed: 7,
};
export type DirectionLstmConfig = typeof DEFAULT_DIRECTION_LSTM;

/**
 * Scale-free features only (returns, oscillators, normalised ranges, volatilities, bar shape,
 * calendar): price levels (moving averages, bands, OBV) drift out of any training range.
 */
export const DIRECTION_FEATURE_REQUESTS = [
  { name: 'ret1', kind: 'log_return', params: { horizon: 1 } },
  { name: 'ret5', kind: 'log_return', params: { horizon: 5 } },
  { name: 'ret20', kind: 'log_return', params: { horizon: 20 } },
  { name: 'ret', kind: 'lag', params: { source: 'logReturn', minLag: 1, maxLag: 5 } },
  { name: 'rsi14', kind: 'rsi', params: { period: 14 } },
  { name: 'rsi2', kind: 'rsi', params: { period: 2 } },
  { name: 'natr14', kind: 'natr', params: { period: 14 } },
  { name: 'adx14', kind: 'adx', params: { period: 14 } },
  { name: 'stoch', kind: 'stoch', params: { fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 3 } },
  { name: 'willr14', kind: 'willr', params: { period: 14 } },
  { name: 'cci20', kind: 'cci', params: { period: 20 } },
  { name: 'mfi14', kind: 'mfi', params: { period: 14 } },
  { name: 'ultosc', kind: 'ultosc' },
  { name: 'rv20', kind: 'realized_volatility', params: { window: 20, annualize: 252 } },
  { name: 'gk20', kind: 'garman_klass', params: { window: 20, annualize: 252 } },
  { name: 'ibs', kind: 'ibs' },
  { name: 'volpct20', kind: 'volume_percentile', params: { window: 20 } },
  { name: 'z20', kind: 'zscore', params: { window: 20 } },
] as const;

export interface DirectionLstmEvaluation {
  readonly config: DirectionLstmConfig;
  readonly featureSet: FeatureSet;
  readonly names: readonly string[];
  readonly label: Label;
  readonly folds: readonly Fold[];
  readonly lstm: WalkForwardEvaluation;
  readonly baselines: Baselines;
  readonly table: readonly EvaluationRow[];
  readonly history: readonly (readonly EpochLogs[])[];
}

export async function evaluateDirectionLstm(
  bars: Bars, config: Partial<DirectionLstmConfig> = {}, registry: FeatureRegistry = createFeatureRegistry(),
  onFold?: (fold: number, of: number) => void,
): Promise<DirectionLstmEvaluation> {
  rejectUnknownOptions('config', config, Object.keys(DEFAULT_DIRECTION_LSTM));
  const c: DirectionLstmConfig = { ...DEFAULT_DIRECTION_LSTM, ...config };
  const featureSet = defineFeatureSet('direction-v1', DIRECTION_FEATURE_REQUESTS, registry);
  const table = computeFeatures(bars, featureSet, registry);
  const label = directionLabel(bars.close, { horizon: 1, deadZone: c.deadZone });
  const n = bars.time.length;
  const first = firstScoredRow(table.columns, c.lookback);
  const yTrue = label.values.map((v, t) => (t < first ? Number.NaN : v));
  const folds = walkForwardFrom(first, n, { trainSize: c.trainSize, testSize: c.testSize, mode: 'expanding', purge: label.horizon });
  const { evaluation: lstm, history } = await evaluateSequenceFolds({
    columns: table.columns, yTrue, folds, lookback: c.lookback, seed: c.seed,
    model: { cell: 'lstm', layers: c.layers, dropout: c.dropout },
    train: { epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate },
    ...(onFold ? { onFold } : {}),
  });
  const momentum = table.columns[table.names.indexOf('ret5')]!;
  const base = await baselines({ n, folds, yTrue, score: momentum, features: table.columns as Float64Array[] });
  const rows = [evaluationRow(`LSTM ${c.layers.join('x')}, lookback ${c.lookback}`, lstm), evaluationRow('majority class', base.majority)];
  if (base.score) rows.push(evaluationRow('5-day momentum rule (Platt)', base.score));
  if (base.logistic) rows.push(evaluationRow('logistic regression, same features', base.logistic));
  return { config: c, featureSet, names: table.names, label, folds, lstm, baselines: base, table: rows, history };
}
