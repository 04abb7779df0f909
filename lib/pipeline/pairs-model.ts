// The GARCH-GRU pairs model of the first roadmap, evaluated honestly: purged walk-forward folds
// (training ends `horizon` rows before each test block, so no label reaches into it), a scaler
// and a fresh GRU fitted on each fold's training rows only, and the same folds scored for the
// baselines the model has to beat (majority class, a |z| threshold rule, logistic regression on
// the same features).
import { walkForward, type Fold } from '../dataset/splits';
import { StandardScaler } from '../dataset/scalers';
import { slidingWindows } from '../dataset/windows';
import { baselines, type Baselines } from '../evaluation/baselines';
import { walkForwardEvaluate, type WalkForwardEvaluation } from '../evaluation/walk-forward';
import { SequenceModel } from '../models/sequence';
import { fitSequenceModel, type EpochLogs } from '../models/train';
import { createRng } from '../util/random';
import { rejectUnknownOptions } from '../util/options';
import type { PairsDataset } from './pairs';

/** The roadmap's configuration (sequence length 10, 64 GRU units, dropout 0.255, lr 3e-4, batch 32). */
export const DEFAULT_PAIRS_MODEL = {
  lookback: 10, units: 64, dropout: 0.255, learningRate: 3e-4, batchSize: 32, epochs: 10,
  trainSize: 1000, testSize: 250, seed: 42,
} as const;

export type PairsModelConfig = { -readonly [K in keyof typeof DEFAULT_PAIRS_MODEL]: number };

// A type alias (not an interface) so that rows are plain records that table helpers accept.
export type PairsEvaluationRow = {
  readonly model: string;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly rocAuc: number | null;
  readonly accuracy: number;
  readonly positiveRate: number;
  readonly samples: number;
};

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

function row(model: string, e: WalkForwardEvaluation): PairsEvaluationRow {
  const p = e.pooled;
  return { model, f1: p.f1, precision: p.precision, recall: p.recall, rocAuc: p.rocAuc, accuracy: p.accuracy, positiveRate: p.positiveRate, samples: p.samples };
}

/** Walk-forward evaluation of a GRU on the pair's features against the baselines on the same folds. */
export async function evaluatePairsGru(
  data: PairsDataset, config: Partial<PairsModelConfig> = {}, onFold?: (fold: number, of: number) => void,
): Promise<PairsEvaluation> {
  rejectUnknownOptions('config', config, Object.keys(DEFAULT_PAIRS_MODEL));
  const c: PairsModelConfig = { ...DEFAULT_PAIRS_MODEL, ...config };
  const n = data.time.length;
  // Rows are scored only where every feature of a full window exists, for every model alike.
  const first = data.columns.reduce((m, col) => Math.max(m, col.findIndex(Number.isFinite)), 0) + c.lookback - 1;
  const yTrue = data.label.values.map((v, t) => (t < first ? Number.NaN : v));
  const folds = walkForward(n - first, { trainSize: c.trainSize, testSize: c.testSize, mode: 'expanding', purge: data.label.horizon })
    .map((f) => ({ index: f.index, train: { start: f.train.start + first, end: f.train.end + first }, test: { start: f.test.start + first, end: f.test.end + first } }));
  const history: EpochLogs[][] = [];

  const gru = await walkForwardEvaluate({
    n, folds, yTrue,
    async fitPredict(train, test, fold) {
      onFold?.(fold, folds.length);
      const range = train[0]!;
      const scaler = StandardScaler.fit(data.columns, range);
      const scaled = scaler.transform(data.columns);
      const trainWindows = slidingWindows(scaled, { lookback: c.lookback, range, labels: yTrue });
      const testWindows = slidingWindows(scaled, { lookback: c.lookback, range: test });
      const model = new SequenceModel({
        lookback: c.lookback, features: scaled.length, cell: 'gru', layers: [c.units], dropout: c.dropout,
      }, createRng(c.seed + fold));
      try {
        const h = await fitSequenceModel(model, { train: { x: trainWindows.x, y: trainWindows.y! } }, {
          epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate, rng: createRng(c.seed + 1000 + fold),
        });
        history.push(h.epochs);
        const p = model.predict(testWindows.x);
        const out = new Float64Array(test.end - test.start).fill(0.5);
        testWindows.index.forEach((t, s) => { out[t - test.start] = p[s]!; });
        return out;
      } finally {
        model.dispose();
      }
    },
  });
  const z = data.columns[data.names.indexOf('spread.z')]!;
  const base = await baselines({ n, folds, yTrue, score: z.map(Math.abs), features: data.columns as Float64Array[] });
  const table = [row('GRU (GARCH + spread features)', gru), row('majority class', base.majority)];
  if (base.score) table.push(row('|z| threshold rule (Platt)', base.score));
  if (base.logistic) table.push(row('logistic regression, same features', base.logistic));
  return { config: c, folds, gru, baselines: base, table, history };
}
