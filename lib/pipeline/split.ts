// Time-ordered splits: training rows strictly precede validation rows, which precede the holdout.
// No shuffling across the boundaries, so nothing from the future leaks into fitting.
import { InvalidArgumentError } from '../util/errors';

export interface RowRange {
  readonly start: number;
  readonly end: number;
}

export interface TimeSplit {
  readonly train: RowRange;
  readonly validation: RowRange;
  readonly test: RowRange;
}

/**
 * Splits rows [start, end) by fractions of their count. `gap` rows are dropped after each
 * boundary so windows or labels that span `gap` rows cannot straddle two sets.
 */
export function timeSplit(
  range: RowRange,
  options: { trainFraction: number; validationFraction: number; gap?: number },
): TimeSplit {
  const { trainFraction, validationFraction, gap = 0 } = options;
  const n = range.end - range.start;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || n <= 0) {
    throw new InvalidArgumentError('range', range, 'must be integer row bounds with end > start', 'pass e.g. {start: 0, end: bars.length}');
  }
  if (!(trainFraction > 0) || !(validationFraction >= 0) || trainFraction + validationFraction >= 1) {
    throw new InvalidArgumentError('options', options, 'fractions must be positive and sum to less than 1', 'use e.g. trainFraction 0.7, validationFraction 0.15');
  }
  if (!Number.isInteger(gap) || gap < 0) throw new InvalidArgumentError('options.gap', gap, 'must be a non-negative integer', 'pass the window length, or 0');
  const trainEnd = range.start + Math.floor(n * trainFraction);
  const validationEnd = range.start + Math.floor(n * (trainFraction + validationFraction));
  const split: TimeSplit = {
    train: { start: range.start, end: trainEnd },
    validation: { start: Math.min(trainEnd + gap, validationEnd), end: validationEnd },
    test: { start: Math.min(validationEnd + gap, range.end), end: range.end },
  };
  for (const [name, r] of Object.entries(split) as [string, RowRange][]) {
    if (r.end - r.start < 1) {
      throw new InvalidArgumentError('range', range, `leaves the ${name} set empty (${n} rows, gap ${gap})`, 'use more data or a smaller gap');
    }
  }
  return split;
}
