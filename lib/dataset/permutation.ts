// Permutation importance (Breiman 2001; scikit-learn's permutation_importance): how much a fitted
// model's score drops when one feature's rows are shuffled, breaking its link with the target while
// keeping its distribution. Model-agnostic: the model is only a predict function. Run it on
// held-out rows; on training rows it measures what the model memorised.
import type { Rng } from '../util/random';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkAligned, checkColumns, checkInteger } from './check';
import { rankFeatures, type FeatureRanking } from './selection';

export const DEFAULT_REPEATS = 5;

/** Predictions, one per row, from feature columns. */
export type PredictFn = (columns: readonly Float64Array[]) => Float64Array;
/** Higher is better (accuracy, R^2, minus a loss). */
export type MetricFn = (yTrue: Float64Array, yPred: Float64Array) => number;

export interface PermutationImportanceOptions {
  /** The generator the shuffles draw from; the same seed gives the same importances. */
  readonly rng: Rng;
  /** Shuffles per feature; default 5. */
  readonly repeats?: number;
  /** Feature names; default x0, x1, ... */
  readonly names?: readonly string[];
}

export interface PermutationImportance extends FeatureRanking {
  readonly baseline: number;
  /** importances[f][r]: baseline minus the score with feature f shuffled, repeat r. */
  readonly importances: Float64Array[];
  /** Mean over repeats (also `scores`). */
  readonly mean: Float64Array;
  /** Population (ddof 0) std over repeats, as sklearn's importances_std. */
  readonly std: Float64Array;
}

/** Importance of each feature; `ranking` and `scores` are by mean importance. */
export function permutationImportance(
  predict: PredictFn,
  columns: readonly Float64Array[],
  y: Float64Array,
  metric: MetricFn,
  options: PermutationImportanceOptions,
): PermutationImportance {
  if (typeof predict !== 'function') throw new InvalidArgumentError('predict', predict, 'must be a function', 'pass (columns) => model predictions, one per row');
  if (typeof metric !== 'function') throw new InvalidArgumentError('metric', metric, 'must be a function', 'pass (yTrue, yPred) => score, higher is better');
  const rows = checkColumns(columns);
  checkAligned('y', y, rows);
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', options, 'is required', 'pass { rng: createRng(42) }');
  rejectUnknownOptions('options', options, ['rng', 'repeats', 'names']);
  const { rng } = options;
  if (rng == null || typeof rng.shuffled !== 'function') {
    throw new InvalidArgumentError('options.rng', rng, 'must be a seeded generator', 'pass createRng(seed)');
  }
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  checkInteger('options.repeats', repeats, 1, '5');
  const names = options.names ?? columns.map((_, f) => `x${f}`);
  if (!Array.isArray(names) || names.length !== columns.length) {
    throw new InvalidArgumentError('options.names', names, `must hold ${columns.length} names, one per column`, 'pass the feature names in column order');
  }
  const score = (cols: readonly Float64Array[]): number => {
    const predicted = predict(cols);
    checkAligned('predict(columns)', predicted, rows);
    return metric(y, predicted);
  };
  const baseline = score(columns);
  const importances = columns.map((column, f) => {
    const drops = new Float64Array(repeats);
    for (let r = 0; r < repeats; r++) {
      const shuffled = Float64Array.from(rng.shuffled(column));
      drops[r] = baseline - score(columns.map((c, g) => (g === f ? shuffled : c)));
    }
    return drops;
  });
  const mean = Float64Array.from(importances, (d) => d.reduce((a, b) => a + b, 0) / repeats);
  const std = Float64Array.from(importances, (d, f) => Math.sqrt(d.reduce((a, b) => a + (b - mean[f]!) ** 2, 0) / repeats));
  return { ...rankFeatures(names, mean, columns.length), baseline, importances, mean, std };
}
