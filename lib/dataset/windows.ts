// Sliding windows for sequence models: sample s is rows t-lookback+1..t of every feature, labelled
// with label[t] (the label at the window's last row). Every window lies wholly inside one
// [start, end) range, so splitting happens before windowing and a training window never reaches
// into validation or test rows. Float32 because that is what TensorFlow consumes.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkAligned, checkColumns, checkInteger, checkRange, type RowRange } from './check';
import type { Label } from './labels';

export interface SlidingWindowOptions {
  /** Rows per window. */
  readonly lookback: number;
  /** The rows of one split; windows never leave it. */
  readonly range: RowRange;
  /** Label per row (or a Label); a window takes the value at its last row. */
  readonly labels?: Float64Array | Label;
}

export interface Windows {
  /** Sample-major, then time, then feature: x[(s * lookback + k) * features + f]. */
  readonly x: Float32Array;
  /** Label of each sample, when labels were given. */
  readonly y?: Float32Array;
  /** Last row t of each sample's window. */
  readonly index: Int32Array;
  readonly samples: number;
  readonly lookback: number;
  readonly features: number;
  /** [samples, lookback, features], the tensor shape of x. */
  readonly shape: readonly [number, number, number];
}

/**
 * Every window of `lookback` rows inside `range`. A window holding a non-finite feature value
 * (indicator warm-up) or whose label is not finite (the tail of a forward-looking label, a dead
 * zone) is skipped; `index` says which rows were kept.
 */
export function slidingWindows(columns: readonly Float64Array[], options: SlidingWindowOptions): Windows {
  const rows = checkColumns(columns);
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'is required', 'pass { lookback: 10, range: split.train, labels }');
  }
  rejectUnknownOptions('options', options, ['lookback', 'range', 'labels']);
  const { lookback, range } = options;
  checkInteger('options.lookback', lookback, 1, '10 (rows per window)');
  checkRange(range, rows, 'options.range');
  const labels = options.labels === undefined ? undefined : labelValues(options.labels);
  if (labels !== undefined) checkAligned('options.labels', labels, rows);
  const features = columns.length;
  const kept: number[] = [];
  for (let t = range.start + lookback - 1; t < range.end; t++) {
    if ((labels === undefined || Number.isFinite(labels[t])) && windowIsFinite(columns, t - lookback + 1, t)) kept.push(t);
  }
  const samples = kept.length;
  const x = new Float32Array(samples * lookback * features);
  const y = labels === undefined ? undefined : Float32Array.from(kept, (t) => labels[t]!);
  let offset = 0;
  for (const t of kept) {
    for (let row = t - lookback + 1; row <= t; row++) {
      for (let f = 0; f < features; f++) x[offset++] = columns[f]![row]!;
    }
  }
  return { x, ...(y ? { y } : {}), index: Int32Array.from(kept), samples, lookback, features, shape: [samples, lookback, features] };
}

function labelValues(labels: Float64Array | Label): Float64Array {
  if (labels instanceof Float64Array) return labels;
  if (labels !== null && typeof labels === 'object' && labels.values instanceof Float64Array) return labels.values;
  throw new InvalidArgumentError('options.labels', labels, 'must be a Float64Array or a Label', 'pass e.g. directionLabel(bars.close) or its .values');
}

function windowIsFinite(columns: readonly Float64Array[], from: number, to: number): boolean {
  for (const column of columns) {
    for (let row = from; row <= to; row++) if (!Number.isFinite(column[row])) return false;
  }
  return true;
}
