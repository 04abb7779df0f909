// Out-of-sample evaluation over time-ordered folds (walkForward or purgedKFold from the dataset
// domain). The model is refitted per fold by the caller's fitPredict, which is handed the training
// row ranges and the test range only; rows with an undefined label (NaN: the tail, a dead zone) are
// left out of scoring. Folds run one after another, so a seeded fitPredict gives the same result twice.
import type { RowRange } from '../dataset/check';
import type { Fold, PurgedFold } from '../dataset/splits';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkThreshold, type Numbers } from './check';
import { DEFAULT_THRESHOLD, evaluateKernel, type ClassifierEvaluation } from './metrics';

export type EvaluationFold = Fold | PurgedFold;

/** Fits on the training rows and returns P(y = 1) for each row of `test`, in order. */
export type FitPredict = (train: readonly RowRange[], test: RowRange, fold: number) => Promise<Numbers> | Numbers;

export interface WalkForwardEvaluateOptions {
  /** Rows in the data set (the n the folds were made for). */
  readonly n: number;
  readonly folds: readonly EvaluationFold[];
  /** One label per row: 0, 1, or NaN for rows without a label (not scored). */
  readonly yTrue: Numbers;
  readonly fitPredict: FitPredict;
  readonly threshold?: number;
}

export const SUMMARY_METRICS = [
  'accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'matthews',
  'rocAuc', 'prAuc', 'logLoss', 'brier', 'positiveRate', 'baseRate',
] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];
/** null where no fold defines the metric (std: fewer than two folds do). */
export type MetricSummary = Record<SummaryMetric, number | null>;

export interface FoldEvaluation {
  readonly index: number;
  readonly train: RowRange[];
  readonly test: RowRange;
  /** Test rows without a label, left out of the metrics. */
  readonly unlabelled: number;
  /** null when no test row has a label. */
  readonly metrics: ClassifierEvaluation | null;
}

export interface WalkForwardEvaluation {
  readonly folds: FoldEvaluation[];
  /** Metrics on all scored out-of-sample predictions concatenated, fold after fold. */
  readonly pooled: ClassifierEvaluation;
  /** Across folds; std is the sample standard deviation (n - 1). */
  readonly mean: MetricSummary;
  readonly std: MetricSummary;
  /** The scored predictions behind `pooled` (typed arrays: leave them out of JSON logs). */
  readonly predictions: { readonly rows: Int32Array; readonly yTrue: Float64Array; readonly yProb: Float64Array };
}

export async function walkForwardEvaluate(options: WalkForwardEvaluateOptions): Promise<WalkForwardEvaluation> {
  rejectUnknownOptions('options', options, ['n', 'folds', 'yTrue', 'fitPredict', 'threshold']);
  const { n, folds, yTrue, fitPredict } = options;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkThreshold(threshold);
  if (!Number.isInteger(n) || n < 2) throw new InvalidArgumentError('options.n', n, 'must be an integer >= 2', 'pass the number of rows the folds were made for');
  checkLabels(yTrue, n);
  if (typeof fitPredict !== 'function') {
    throw new InvalidArgumentError('options.fitPredict', fitPredict, 'must be a function (train, test, fold) => probabilities', 'pass a function that fits on the train ranges and predicts the test range');
  }
  const checked = checkFolds(folds, n);
  const rows: number[] = [], ys: number[] = [], ps: number[] = [];
  const results: FoldEvaluation[] = [];
  for (const { index, train, test } of checked) {
    const predicted = await fitPredict(train.map((r) => ({ ...r })), { ...test }, index);
    checkPredictions(predicted, test, index);
    const foldY: number[] = [], foldP: number[] = [];
    for (let t = test.start; t < test.end; t++) {
      if (Number.isNaN(yTrue[t]!)) continue;
      foldY.push(yTrue[t]!); foldP.push(predicted[t - test.start]!); rows.push(t);
    }
    for (let i = 0; i < foldY.length; i++) { ys.push(foldY[i]!); ps.push(foldP[i]!); }
    const metrics = foldY.length > 0 ? evaluateKernel(foldY, foldP, threshold) : null;
    results.push({ index, train, test, unlabelled: test.end - test.start - foldY.length, metrics });
  }
  if (ys.length === 0) {
    throw new InvalidArgumentError('options.yTrue', yTrue, 'has no label in any test block', 'check that the labels are aligned with the rows of the folds');
  }
  const scored = results.flatMap((r) => (r.metrics ? [r.metrics] : []));
  return {
    folds: results,
    pooled: evaluateKernel(ys, ps, threshold),
    ...summarise(scored),
    predictions: { rows: Int32Array.from(rows), yTrue: Float64Array.from(ys), yProb: Float64Array.from(ps) },
  };
}

/** Mean and sample standard deviation of each metric over the folds that define it. */
export function summarise(evaluations: readonly ClassifierEvaluation[]): { mean: MetricSummary; std: MetricSummary } {
  const mean = {} as Record<SummaryMetric, number | null>, std = {} as Record<SummaryMetric, number | null>;
  for (const key of SUMMARY_METRICS) {
    const values = evaluations.map((e) => e[key]).filter((v): v is number => v !== null);
    const m = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
    mean[key] = m;
    std[key] = m !== null && values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1)) : null;
  }
  return { mean, std };
}

function checkLabels(yTrue: Numbers, n: number): void {
  if (yTrue == null || (yTrue as { length?: unknown }).length !== n) {
    throw new InvalidArgumentError('options.yTrue.length', (yTrue as { length?: unknown } | null)?.length, `must equal options.n = ${n}`, 'pass one label per row (NaN where undefined)');
  }
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    if (y !== 0 && y !== 1 && !Number.isNaN(y)) {
      throw new InvalidArgumentError(`options.yTrue[${i}]`, y, 'is not 0, 1 or NaN', 'encode the classes as 0/1 and undefined labels as NaN');
    }
  }
}

interface CheckedFold { readonly index: number; readonly train: RowRange[]; readonly test: RowRange }

/** Ranges inside [0, n), and no training row inside its test block (that would be a leak). */
function checkFolds(folds: readonly EvaluationFold[], n: number): CheckedFold[] {
  if (!Array.isArray(folds) || folds.length === 0) {
    throw new InvalidArgumentError('options.folds', folds, 'must be a non-empty array of folds', 'pass walkForward(n, {...}) or purgedKFold(n, {...})');
  }
  return folds.map((fold, f) => {
    const test = fold?.test;
    const train = Array.isArray(fold?.train) ? [...(fold.train as readonly RowRange[])] : [fold?.train as RowRange];
    for (const [name, r] of [['test', test] as const, ...train.map((r, j) => [`train[${j}]`, r] as const)]) {
      if (r == null || !Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > n || r.start >= r.end) {
        throw new InvalidArgumentError(`options.folds[${f}].${name}`, r, `must be a row range with 0 <= start < end <= ${n}`, 'build the folds with walkForward or purgedKFold for the same n');
      }
    }
    const overlap = train.find((r) => r.start < test.end && test.start < r.end);
    if (overlap) {
      throw new InvalidArgumentError(`options.folds[${f}].train`, overlap, `overlaps the test rows ${test.start}..${test.end - 1}`, 'train only on rows outside the test block (use walkForward or purgedKFold)');
    }
    return { index: typeof fold.index === 'number' ? fold.index : f, train: train.map((r) => ({ start: r.start, end: r.end })), test: { start: test.start, end: test.end } };
  });
}

function checkPredictions(predicted: unknown, test: RowRange, fold: number): asserts predicted is Numbers {
  const length = test.end - test.start;
  if (predicted == null || (predicted as { length?: unknown }).length !== length) {
    throw new InvalidArgumentError(`fitPredict(fold ${fold}).length`, (predicted as { length?: unknown } | null)?.length, `must equal the ${length} test rows ${test.start}..${test.end - 1}`, 'return one probability per test row, in row order');
  }
  const values = predicted as Numbers;
  for (let i = 0; i < length; i++) {
    if (!(values[i]! >= 0 && values[i]! <= 1)) {
      throw new InvalidArgumentError(`fitPredict(fold ${fold})[${i}]`, values[i], 'is not a probability in [0, 1]', 'return P(y = 1) per test row; calibrate raw scores first');
    }
  }
}
