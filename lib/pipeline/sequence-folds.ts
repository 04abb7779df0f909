// One honest out-of-sample protocol for every sequence model of the pipelines: for each
// walk-forward fold, a scaler and a fresh seeded model fitted on the fold's training rows only,
// then predictions for the test rows (windows never cross a fold boundary). Baselines are scored
// on the same folds and rows by lib/evaluation.
import type { RowRange } from '../dataset/check';
import { walkForward, type Fold, type WalkForwardOptions } from '../dataset/splits';
import { StandardScaler } from '../dataset/scalers';
import { slidingWindows } from '../dataset/windows';
import type { EvaluationFold } from '../evaluation/walk-forward';
import { walkForwardEvaluate, type WalkForwardEvaluation } from '../evaluation/walk-forward';
import { SequenceModel, type SequenceModelOptions } from '../models/sequence';
import { fitSequenceModel, type EpochLogs } from '../models/train';
import { createRng } from '../util/random';

export interface SequenceFoldsOptions {
  readonly columns: readonly Float64Array[];
  /** 0/1 per row, NaN where unlabelled or not to be scored. */
  readonly yTrue: Float64Array;
  readonly folds: readonly EvaluationFold[];
  readonly lookback: number;
  /** Everything but lookback and features, which come from the data. */
  readonly model: Omit<SequenceModelOptions, 'lookback' | 'features'>;
  readonly train: { readonly epochs: number; readonly batchSize: number; readonly learningRate: number };
  /** Fold k's model is initialised from seed + k and shuffled from seed + 1000 + k. */
  readonly seed: number;
  readonly onFold?: (fold: number, of: number) => void;
}

export interface SequenceFoldsResult {
  readonly evaluation: WalkForwardEvaluation;
  /** Per fold, the training log of each epoch. */
  readonly history: readonly (readonly EpochLogs[])[];
}

/** Fits and predicts fold by fold; rows of a test block without a full window get 0.5. */
export async function evaluateSequenceFolds(o: SequenceFoldsOptions): Promise<SequenceFoldsResult> {
  const history: EpochLogs[][] = [];
  const evaluation = await walkForwardEvaluate({
    n: o.yTrue.length, folds: o.folds, yTrue: o.yTrue,
    async fitPredict(train: readonly RowRange[], test: RowRange, fold: number) {
      o.onFold?.(fold, o.folds.length);
      const range = train[0]!;
      const scaled = StandardScaler.fit(o.columns, range).transform(o.columns);
      const trainWindows = slidingWindows(scaled, { lookback: o.lookback, range, labels: o.yTrue });
      const testWindows = slidingWindows(scaled, { lookback: o.lookback, range: test });
      const model = new SequenceModel({ ...o.model, lookback: o.lookback, features: scaled.length }, createRng(o.seed + fold));
      try {
        const h = await fitSequenceModel(model, { train: { x: trainWindows.x, y: trainWindows.y! } }, {
          ...o.train, rng: createRng(o.seed + 1000 + fold),
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
  return { evaluation, history };
}

/** Pooled out-of-sample metrics as one table row. */
export type EvaluationRow = {
  readonly model: string;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly rocAuc: number | null;
  readonly accuracy: number;
  readonly positiveRate: number;
  readonly samples: number;
};

export function evaluationRow(model: string, e: WalkForwardEvaluation): EvaluationRow {
  const p = e.pooled;
  return { model, f1: p.f1, precision: p.precision, recall: p.recall, rocAuc: p.rocAuc, accuracy: p.accuracy, positiveRate: p.positiveRate, samples: p.samples };
}

/** First row at which every column has a value and a full window of `lookback` rows fits. */
export function firstScoredRow(columns: readonly Float64Array[], lookback: number): number {
  return columns.reduce((m, col) => Math.max(m, col.findIndex(Number.isFinite)), 0) + lookback - 1;
}

/** Walk-forward folds over rows [first, n): the rows before `first` (warm-up) are never used. */
export function walkForwardFrom(first: number, n: number, options: WalkForwardOptions): Fold[] {
  return walkForward(n - first, options).map((f) => ({
    index: f.index,
    train: { start: f.train.start + first, end: f.train.end + first },
    test: { start: f.test.start + first, end: f.test.end + first },
  }));
}
