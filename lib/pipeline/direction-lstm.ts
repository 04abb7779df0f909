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
import { computeFeatures, defineFeatureSet, featureSetFromJSON, type FeatureRegistry, type FeatureRequest, type FeatureSet } from '../features/registry';
import type { WindowPredictor } from '../models/onnx';
import type { EpochLogs } from '../models/train';
import type { RowRange } from '../dataset/check';
import { slidingWindows } from '../dataset/windows';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { loadDeployable, trainDeployable, type DeployableModel } from './deployable';
import { createFeatureRegistry, DEFAULT_FEATURE_REQUESTS } from './features';
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
export const DIRECTION_FEATURE_NAMES = [
  'ret1', 'ret5', 'ret20', 'ret', 'rsi14', 'rsi2', 'natr14', 'adx14', 'stoch', 'willr14', 'cci20', 'mfi14', 'ultosc',
  'rv20', 'gk20', 'ibs', 'volpct20', 'z20',
] as const;

/** The default set's requests of DIRECTION_FEATURE_NAMES: same definitions, so same numbers. */
export const DIRECTION_FEATURE_REQUESTS: readonly FeatureRequest[] = DIRECTION_FEATURE_NAMES.map((name) => {
  const request = DEFAULT_FEATURE_REQUESTS.find((r) => r.name === name);
  if (!request) throw new Error(`direction feature ${name} is not in DEFAULT_FEATURE_REQUESTS`); // a library bug, caught at load
  return request;
});

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

/** The model to deploy: the configuration trained once on every labelled row, saved to `dir` with its feature set. */
export async function trainDirectionLstm(
  bars: Bars, config: Partial<DirectionLstmConfig>, dir: string, registry: FeatureRegistry = createFeatureRegistry(),
): Promise<{ rows: RowRange; files: string[] }> {
  rejectUnknownOptions('config', config, Object.keys(DEFAULT_DIRECTION_LSTM));
  const c: DirectionLstmConfig = { ...DEFAULT_DIRECTION_LSTM, ...config };
  const featureSet = defineFeatureSet('direction-v1', DIRECTION_FEATURE_REQUESTS, registry);
  const table = computeFeatures(bars, featureSet, registry);
  return trainDeployable({
    columns: table.columns, label: directionLabel(bars.close, { horizon: 1, deadZone: c.deadZone }), lookback: c.lookback, seed: c.seed,
    model: { cell: 'lstm', layers: c.layers, dropout: c.dropout },
    train: { epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate },
    spec: featureSet, config: c, names: table.names, dir,
  });
}

export type DirectionLstmModel = DeployableModel<FeatureSet, DirectionLstmConfig> & { readonly featureSet: FeatureSet };

/** Rebuilds a saved direction LSTM: network, scaler and the feature set (checked against `registry`). */
export function loadDirectionLstm(dir: string, registry: FeatureRegistry = createFeatureRegistry()): DirectionLstmModel {
  const loaded = loadDeployable<unknown, DirectionLstmConfig>(dir, 'trainDirectionLstm');
  return { ...loaded, spec: featureSetFromJSON(loaded.spec, registry), featureSet: featureSetFromJSON(loaded.spec, registry) };
}

/**
 * P(next close > this close) for the last bar of `bars`, from raw bars: features through the saved
 * feature set, the saved scaler, the last `lookback` rows. Needs enough history for every
 * feature's warm-up plus the lookback. `network` runs the windows (the model itself unless a
 * deployed model passes its ONNX session).
 */
export function predictDirectionLstm(loaded: DirectionLstmModel, bars: Bars, registry: FeatureRegistry = createFeatureRegistry(), network: WindowPredictor = loaded.model): { time: number; probability: number } {
  const n = bars.time.length, lookback = loaded.config.lookback;
  const table = computeFeatures(bars, loaded.featureSet, registry);
  const first = firstScoredRow(table.columns, lookback);
  if (n === 0 || first >= n) {
    throw new InvalidArgumentError('bars', `${n} bars`, `are too few: the first full ${lookback}-row window of finite features ends at bar ${first + 1}`,
      `pass at least ${first + 1} bars (feature warm-up plus the lookback of ${lookback})`);
  }
  // Only the last window is scaled: serving latency, not the result, depends on it.
  const scaled = loaded.scaler.transform(table.columns.map((c) => c.subarray(n - lookback)));
  const windows = slidingWindows(scaled, { lookback, range: { start: 0, end: lookback } });
  if (windows.samples !== 1) {
    throw new InvalidArgumentError('bars', `${n} bars`, 'hold a non-finite feature value in the last window (a gap or a NaN price)', 'repair the bars (repairBars) or pass a clean recent history');
  }
  return { time: bars.time[n - 1]!, probability: network.predict(windows.x)[0]! };
}
