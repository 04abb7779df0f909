// Supervised windows for the GRU, in the shape GruClassifier consumes. The windowing itself is
// the dataset domain's slidingWindows (one implementation); this keeps the models-era signature.
import { checkAligned, checkColumns, type RowRange } from '../dataset/check';
import { slidingWindows } from '../dataset/windows';

export type { RowRange };

export interface Sequences {
  /** Windows, sample-major then time then feature: x[(s * lookback + k) * features + f]. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Row t of each sample: its window covers rows t-lookback+1..t and its label is label[t]. */
  readonly index: Int32Array;
  readonly samples: number;
  readonly lookback: number;
  readonly features: number;
}

/**
 * Every window of `lookback` rows that lies wholly inside `range`, labelled with label[t] at its
 * last row; windows holding a non-finite value or label are skipped (see slidingWindows).
 */
export function makeSequences(
  columns: readonly Float64Array[],
  label: Float64Array,
  lookback: number,
  range: RowRange,
): Sequences {
  checkAligned('label', label, checkColumns(columns));
  const w = slidingWindows(columns, { lookback, range, labels: label });
  return { x: w.x, y: w.y!, index: w.index, samples: w.samples, lookback: w.lookback, features: w.features };
}
