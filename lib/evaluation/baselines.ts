// The bars a model has to clear, scored on the same folds as the model: the base rate of the
// training rows (thresholded, the majority class), a rule's score made a probability by Platt
// scaling on the training rows, and a logistic regression on training-standardised features.
// Each is fitted on the training rows of its fold only, like the model.
import type { RowRange } from '../dataset/check';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { Numbers } from './check';
import { PlattCalibrator } from './calibration';
import { DEFAULT_L2, fitLogisticRegression } from './logistic';
import { walkForwardEvaluate, type EvaluationFold, type WalkForwardEvaluation } from './walk-forward';

export interface BaselineOptions {
  readonly n: number;
  readonly folds: readonly EvaluationFold[];
  /** 0, 1, or NaN (unlabelled) per row. */
  readonly yTrue: Numbers;
  readonly threshold?: number;
  /** A rule's score per row, higher meaning up (e.g. a z-score); NaN where the rule is silent. */
  readonly score?: Numbers;
  /** Feature columns, one value per row, for the logistic-regression baseline. */
  readonly features?: readonly Float64Array[];
  /** Ridge penalty of the logistic baseline (1 / sklearn C). */
  readonly l2?: number;
}

export interface Baselines {
  readonly majority: WalkForwardEvaluation;
  readonly score?: WalkForwardEvaluation;
  readonly logistic?: WalkForwardEvaluation;
}

/**
 * Where a row's score or features are missing, the baseline predicts the training base rate: it
 * always answers, so its table covers the same rows as the model's.
 */
export async function baselines(options: BaselineOptions): Promise<Baselines> {
  rejectUnknownOptions('options', options, ['n', 'folds', 'yTrue', 'threshold', 'score', 'features', 'l2']);
  const { n, folds, yTrue, threshold, score, features } = options;
  if (score !== undefined && (score == null || (score as { length?: unknown }).length !== n)) {
    throw new InvalidArgumentError('options.score.length', (score as { length?: unknown } | null)?.length, `must equal options.n = ${n}`, 'pass one score per row (NaN where the rule is silent)');
  }
  if (features !== undefined && (!Array.isArray(features) || features.length === 0 || features.some((c) => !(c instanceof Float64Array) || c.length !== n))) {
    throw new InvalidArgumentError('options.features', features, `must be a non-empty array of Float64Array columns of length ${n}`, 'pass one Float64Array per feature, aligned with the rows');
  }
  const l2 = options.l2 ?? DEFAULT_L2;
  const run = (fitPredict: (train: readonly RowRange[], test: RowRange, fold: number) => Float64Array): Promise<WalkForwardEvaluation> =>
    walkForwardEvaluate({ n, folds, yTrue, fitPredict, ...(threshold === undefined ? {} : { threshold }) });
  const labelled = (train: readonly RowRange[], usable: (t: number) => boolean = () => true): number[] => {
    const rows: number[] = [];
    for (const r of train) for (let t = r.start; t < r.end; t++) if (!Number.isNaN(yTrue[t]!) && usable(t)) rows.push(t);
    return rows;
  };
  const baseRate = (train: readonly RowRange[], fold: number): number => {
    const rows = labelled(train);
    if (rows.length === 0) throw new InvalidArgumentError(`options.folds[${fold}].train`, train, 'holds no labelled row', 'use longer training windows');
    return rows.reduce((a, t) => a + yTrue[t]!, 0) / rows.length;
  };

  const majority = await run((train, test, fold) => new Float64Array(test.end - test.start).fill(baseRate(train, fold)));
  const result: { majority: WalkForwardEvaluation; score?: WalkForwardEvaluation; logistic?: WalkForwardEvaluation } = { majority };
  if (score !== undefined) {
    result.score = await run((train, test, fold) => {
      const rows = labelled(train, (t) => Number.isFinite(score[t]));
      const calibrator = fitInFold(fold, 'score', () => PlattCalibrator.fit(rows.map((t) => score[t]!), rows.map((t) => yTrue[t]!)));
      const fallback = baseRate(train, fold);
      return Float64Array.from({ length: test.end - test.start }, (_, i) => {
        const s = score[test.start + i]!;
        return Number.isFinite(s) ? calibrator.predict([s])[0]! : fallback;
      });
    });
  }
  if (features !== undefined) {
    result.logistic = await run((train, test, fold) => {
      const finite = (t: number): boolean => features.every((c) => Number.isFinite(c[t]));
      const rows = labelled(train, finite);
      const { mean, scale } = standardisation(features, rows);
      const standardised = (t: number): Float64Array[] => features.map((c, j) => Float64Array.of((c[t]! - mean[j]!) / scale[j]!));
      const columns = features.map((c, j) => Float64Array.from(rows, (t) => (c[t]! - mean[j]!) / scale[j]!));
      const model = fitInFold(fold, 'logistic', () => fitLogisticRegression(columns, rows.map((t) => yTrue[t]!), { l2 }));
      const fallback = baseRate(train, fold);
      return Float64Array.from({ length: test.end - test.start }, (_, i) => {
        const t = test.start + i;
        return finite(t) ? model.predictProba(standardised(t))[0]! : fallback;
      });
    });
  }
  return result;
}

/** Mean and population standard deviation (as sklearn StandardScaler) over the training rows. */
function standardisation(features: readonly Float64Array[], rows: readonly number[]): { mean: number[]; scale: number[] } {
  const mean = features.map((c) => rows.reduce((a, t) => a + c[t]!, 0) / rows.length);
  const scale = features.map((c, j) => {
    const sd = Math.sqrt(rows.reduce((a, t) => a + (c[t]! - mean[j]!) ** 2, 0) / rows.length);
    return sd > 0 ? sd : 1; // a constant feature stays 0 after centring, as StandardScaler leaves it
  });
  return { mean, scale };
}

function fitInFold<T>(fold: number, baseline: string, fit: () => T): T {
  try {
    return fit();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(`options.folds[${fold}].train`, error.value, `cannot fit the ${baseline} baseline: ${error.message}`, 'use longer training windows, or fewer folds');
  }
}
