// Turns aligned feature columns into supervised windows for sequence models. Every sample is
// built from rows inside one [start, end) range only, so windows of a training split never reach
// into validation or test rows (and vice versa): splitting happens before windowing, not after.
import { InvalidArgumentError } from '../util/errors';

export interface RowRange {
  /** First row (inclusive). */
  readonly start: number;
  /** One past the last row (exclusive). */
  readonly end: number;
}

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
 * Builds every window of `lookback` rows that lies wholly inside `range`. A sample whose window or
 * label holds a non-finite value (indicator warm-up, the unknown label of the last bar) is
 * skipped; `index` says which rows were kept.
 */
export function makeSequences(
  columns: readonly Float64Array[],
  label: Float64Array,
  lookback: number,
  range: RowRange,
): Sequences {
  const rows = checkColumns(columns, label);
  checkLookback(lookback);
  checkRange(range, rows);
  const features = columns.length;
  const first = range.start + lookback - 1;
  const kept: number[] = [];
  for (let t = first; t < range.end; t++) {
    if (Number.isFinite(label[t]) && windowIsFinite(columns, t - lookback + 1, t)) kept.push(t);
  }
  const x = new Float32Array(kept.length * lookback * features);
  const y = new Float32Array(kept.length);
  const index = Int32Array.from(kept);
  for (let s = 0; s < kept.length; s++) {
    const t = kept[s]!;
    y[s] = label[t]!;
    let offset = s * lookback * features;
    for (let row = t - lookback + 1; row <= t; row++) {
      for (let f = 0; f < features; f++) x[offset++] = columns[f]![row]!;
    }
  }
  return { x, y, index, samples: kept.length, lookback, features };
}

function windowIsFinite(columns: readonly Float64Array[], from: number, to: number): boolean {
  for (const column of columns) {
    for (let row = from; row <= to; row++) if (!Number.isFinite(column[row])) return false;
  }
  return true;
}

/** Checks that columns are non-empty, all of one length; returns that length. */
export function checkColumns(columns: readonly Float64Array[], label?: Float64Array): number {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidArgumentError('columns', columns, 'must be a non-empty array of Float64Array', 'pass one Float64Array per feature');
  }
  const rows = columns[0]!.length;
  columns.forEach((column, f) => {
    if (!(column instanceof Float64Array)) {
      throw new InvalidArgumentError(`columns[${f}]`, column, 'is not a Float64Array', 'convert it with Float64Array.from(values)');
    }
    if (column.length !== rows) {
      throw new InvalidArgumentError(`columns[${f}].length`, column.length, `differs from columns[0].length = ${rows}`, 'align all feature columns on the same rows');
    }
  });
  if (label !== undefined) {
    if (!(label instanceof Float64Array)) {
      throw new InvalidArgumentError('label', label, 'is not a Float64Array', 'convert it with Float64Array.from(values)');
    }
    if (label.length !== rows) {
      throw new InvalidArgumentError('label.length', label.length, `differs from the columns' length ${rows}`, 'align the label with the feature rows');
    }
  }
  return rows;
}

export function checkRange(range: RowRange, rows: number): void {
  const { start, end } = range ?? ({} as RowRange);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start >= end) {
    throw new InvalidArgumentError('range', range, `must hold integers with 0 <= start < end <= ${rows}`, 'pass the rows of one split, e.g. { start: 0, end: 700 }');
  }
}

function checkLookback(lookback: number): void {
  if (!Number.isInteger(lookback) || lookback < 1) {
    throw new InvalidArgumentError('lookback', lookback, 'must be a positive integer', 'pass the number of rows per window, e.g. 10');
  }
}
