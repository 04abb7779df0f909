// Time-ordered train/validation/holdout rows for the skeleton pipeline. The split itself is the
// dataset domain's trainValTestSplit (one implementation); this keeps the pipeline's signature,
// where `gap` rows are dropped after each boundary.
import { type RowRange } from '../dataset/check';
import { trainValTestSplit, type TrainValTestSplit } from '../dataset/splits';
import { InvalidArgumentError } from '../util/errors';

export type { RowRange };
export type TimeSplit = TrainValTestSplit;

/**
 * Splits rows [start, end) by fractions of their count. `gap` rows are dropped after each
 * boundary so windows or labels that span `gap` rows cannot straddle two sets.
 */
export function timeSplit(
  range: RowRange,
  options: { trainFraction: number; validationFraction: number; gap?: number },
): TimeSplit {
  const { trainFraction, validationFraction, gap = 0 } = options;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.end - range.start <= 0) {
    throw new InvalidArgumentError('range', range, 'must be integer row bounds with end > start', 'pass e.g. {start: 0, end: bars.length}');
  }
  if (!(trainFraction > 0) || !(validationFraction > 0) || trainFraction + validationFraction >= 1) {
    throw new InvalidArgumentError('options', options, 'fractions must be positive and sum to less than 1', 'use e.g. trainFraction 0.7, validationFraction 0.15');
  }
  const s = trainValTestSplit(range.end - range.start, { train: trainFraction, validation: validationFraction, gap });
  const shift = (r: RowRange): RowRange => ({ start: r.start + range.start, end: r.end + range.start });
  return { train: shift(s.train), validation: shift(s.validation), test: shift(s.test) };
}
