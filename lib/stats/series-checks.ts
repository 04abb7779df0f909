// Boundary checks for the unit-root, cointegration and diagnostic tests: a bad series fails here
// with the argument, the offending index and the fix named.
import { InvalidArgumentError } from '../util/errors';

export interface SeriesCheckOptions {
  /** Every value must be > 0 (prices before taking logs). */
  readonly positive?: boolean;
  /** Allow a constant series (default false). */
  readonly allowConstant?: boolean;
}

/** Throws unless `values` is a Float64Array of finite (optionally positive), non-constant values. */
export function checkSeries(argument: string, values: unknown, options: SeriesCheckOptions = {}): asserts values is Float64Array {
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, values, 'must be a Float64Array', 'wrap the data: Float64Array.from(values)');
  }
  if (values.length === 0) {
    throw new InvalidArgumentError(argument, values, 'is empty', 'pass the observations of the series');
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(argument, values, `holds ${v} at index ${i}`, 'drop or fill missing and infinite values first');
    }
    if (options.positive && !(v > 0)) {
      throw new InvalidArgumentError(argument, values, `holds the non-positive price ${v} at index ${i}, which has no logarithm`, 'pass positive prices, or set useLogPrices: false');
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!options.allowConstant && lo === hi) {
    throw new InvalidArgumentError(argument, values, `is constant (every value is ${lo})`, 'pass a series that varies; a constant series has no unit root to test');
  }
}

/** Throws unless `b` has the length of `a`. */
export function checkSameLength(argument: string, values: Float64Array, expected: number, against: string): void {
  if (values.length !== expected) {
    throw new InvalidArgumentError(argument, values, `has length ${values.length} but ${against} has ${expected}`, `align the two series on common dates first (for example an inner join on timestamps)`);
  }
}
