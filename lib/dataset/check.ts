// Boundary checks shared by the dataset domain (labels, splits, scalers, selection, windows), so
// that each kernel's body is only its arithmetic and every function words its errors alike.
import { InvalidArgumentError } from '../util/errors';

/** Rows [start, end) of a table: start inclusive, end exclusive. */
export interface RowRange {
  /** First row (inclusive). */
  readonly start: number;
  /** One past the last row (exclusive). */
  readonly end: number;
}

/** Checks that `columns` is a non-empty array of Float64Arrays of one length; returns that length. */
export function checkColumns(columns: readonly Float64Array[], argument = 'columns'): number {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidArgumentError(argument, columns, 'must be a non-empty array of Float64Array', 'pass one Float64Array per feature');
  }
  const rows = (columns[0] as unknown) instanceof Float64Array ? columns[0]!.length : -1;
  columns.forEach((column, f) => {
    if (!(column instanceof Float64Array)) {
      throw new InvalidArgumentError(`${argument}[${f}]`, column, 'is not a Float64Array', 'convert it with Float64Array.from(values)');
    }
    if (column.length !== rows) {
      throw new InvalidArgumentError(`${argument}[${f}].length`, column.length, `differs from ${argument}[0].length = ${rows}`, 'align all feature columns on the same rows');
    }
  });
  return rows;
}

/** Checks that `series` is a Float64Array of `rows` values (aligned with the feature rows). */
export function checkAligned(argument: string, series: unknown, rows: number): asserts series is Float64Array {
  if (!(series instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, series, 'is not a Float64Array', 'convert it with Float64Array.from(values)');
  }
  if (series.length !== rows) {
    throw new InvalidArgumentError(`${argument}.length`, series.length, `differs from the columns' length ${rows}`, 'align it with the feature rows');
  }
}

/** Checks 0 <= start < end <= rows, integers. */
export function checkRange(range: RowRange, rows: number, argument = 'range'): void {
  const { start, end } = (range ?? {}) as RowRange;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start >= end) {
    throw new InvalidArgumentError(argument, range, `must hold integers with 0 <= start < end <= ${rows}`, 'pass the rows of one split, e.g. { start: 0, end: 700 }');
  }
}

export function checkInteger(argument: string, value: unknown, min: number, example: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, value, `must be an integer >= ${min}`, `pass e.g. ${example}`);
  }
}

/** A label or window that looks `horizon` bars ahead needs at least horizon + 1 rows. */
export function checkHorizon(argument: string, horizon: unknown, rows: number): asserts horizon is number {
  checkInteger(argument, horizon, 1, '1 (the next bar)');
  if (horizon >= rows) {
    throw new InvalidArgumentError(argument, horizon, `is larger than the data allows (${rows} rows: every label would be NaN)`, `use a horizon below ${rows}, or more data`);
  }
}
