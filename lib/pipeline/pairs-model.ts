// The GARCH-GRU pairs model of the first roadmap, evaluated honestly: purged walk-forward folds
// (training ends `horizon` rows before each test block, so no label reaches into it), a scaler
// and a fresh GRU fitted on each fold's training rows only, and the same folds scored for the
// baselines the model has to beat (majority class, a |z| threshold rule, logistic regression on
// the same features).
import type { RowRange } from '../dataset/check';
import type { Fold } from '../dataset/splits';
import { baselines, type Baselines } from '../evaluation/baselines';
import type { WalkForwardEvaluation } from '../evaluation/walk-forward';
import type { EpochLogs } from '../models/train';
import { rejectUnknownOptions } from '../util/options';
import type { PairsDataset } from './pairs';
import { loadDeployable, SEQUENCE_MODEL_FILES, trainDeployable, type DeployableModel } from './deployable';
import { evaluateSequenceFolds, evaluationRow, firstScoredRow, walkForwardFrom, type EvaluationRow } from './sequence-folds';

/** The roadmap's configuration (sequence length 10, 64 GRU units, dropout 0.255, lr 3e-4, batch 32). */
export const DEFAULT_PAIRS_MODEL = {
  lookback: 10, units: 64, dropout: 0.255, learningRate: 3e-4, batchSize: 32, epochs: 10,
  trainSize: 1000, testSize: 250, seed: 42,
} as const;

export type PairsModelConfig = { -readonly [K in keyof typeof DEFAULT_PAIRS_MODEL]: number };

export type PairsEvaluationRow = EvaluationRow;

export interface PairsEvaluation {
  readonly config: PairsModelConfig;
  readonly folds: readonly Fold[];
  readonly gru: WalkForwardEvaluation;
  readonly baselines: Baselines;
  /** Pooled out-of-sample metrics of the GRU and each baseline on the same rows. */
  readonly table: readonly PairsEvaluationRow[];
  /** Per fold, per epoch training logs of the GRU. */
  readonly history: readonly (readonly EpochLogs[])[];
}

/** Walk-forward evaluation of a GRU on the pair's features against the baselines on the same folds. */
export async function evaluatePairsGru(
  data: PairsDataset, config: Partial<PairsModelConfig> = {}, onFold?: (fold: number, of: number) => void,
): Promise<PairsEvaluation> {
  rejectUnknownOptions('config', config, Object.keys(DEFAULT_PAIRS_MODEL));
  const c: PairsModelConfig = { ...DEFAULT_PAIRS_MODEL, ...config };
  const n = data.time.length;
  // Rows are scored only where every feature of a full window exists, for every model alike.
  const first = firstScoredRow(data.columns, c.lookback);
  const yTrue = data.label.values.map((v, t) => (t < first ? Number.NaN : v));
  const folds = walkForwardFrom(first, n, { trainSize: c.trainSize, testSize: c.testSize, mode: 'expanding', purge: data.label.horizon });
  const { evaluation: gru, history } = await evaluateSequenceFolds({
    columns: data.columns, yTrue, folds, lookback: c.lookback, seed: c.seed,
    model: { cell: 'gru', layers: [c.units], dropout: c.dropout },
    train: { epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate },
    ...(onFold ? { onFold } : {}),
  });
  const z = data.columns[data.names.indexOf('spread.z')]!;
  const base = await baselines({ n, folds, yTrue, score: z.map(Math.abs), features: data.columns as Float64Array[] });
  const table = [evaluationRow('GRU (GARCH + spread features)', gru), evaluationRow('majority class', base.majority)];
  if (base.score) table.push(evaluationRow('|z| threshold rule (Platt)', base.score));
  if (base.logistic) table.push(evaluationRow('logistic regression, same features', base.logistic));
  return { config: c, folds, gru, baselines: base, table, history };
}

/** Files of a saved pairs model: enough to rebuild features, scaler and network on new bars. */
export const PAIRS_MODEL_FILES = SEQUENCE_MODEL_FILES;

/**
 * The model to deploy: the same configuration trained once on every labelled row whose label is
 * known (all rows but the last `horizon`), with its scaler, written to `dir` as plain JSON.
 */
export async function trainPairsModel(data: PairsDataset, config: Partial<PairsModelConfig>, dir: string): Promise<{ rows: RowRange; files: string[] }> {
  rejectUnknownOptions('config', config, Object.keys(DEFAULT_PAIRS_MODEL));
  const c: PairsModelConfig = { ...DEFAULT_PAIRS_MODEL, ...config };
  return trainDeployable({
    columns: data.columns, label: data.label, lookback: c.lookback, seed: c.seed,
    model: { cell: 'gru', layers: [c.units], dropout: c.dropout },
    train: { epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate },
    spec: data.spec, config: c, names: data.names, dir,
  });
}

/** Rebuilds the saved network and scaler (the feature spec is rebuilt with featureSetFromJSON). */
export function loadPairsModel(dir: string): DeployableModel<PairsDataset['spec'], PairsModelConfig> {
  return loadDeployable(dir, 'trainPairsModel');
}
