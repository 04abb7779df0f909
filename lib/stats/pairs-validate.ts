// Boundary checks for the pairs statistics (Johansen, hedge ratios, Kalman filter, half-life, spread
// z-score). Every failure names the argument, the offending value and the fix; kernels behind these
// checks assume finite, long-enough Float64Arrays.
import { InvalidArgumentError } from '../util/errors';

/** Throws unless `values` is a Float64Array of at least `minLength` finite values (non-constant when asked). */
export function checkSeries(
  argument: string, values: unknown, minLength: number, why: string, allowConstant = false,
): asserts values is Float64Array {
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, values, 'must be a Float64Array', 'wrap the data: Float64Array.from(values)');
  }
  if (values.length < minLength) {
    throw new InvalidArgumentError(
      argument, values, `has ${values.length} observations, fewer than the minimum of ${minLength} (${why})`,
      `pass at least ${minLength} observations`,
    );
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(argument, values, `holds ${v} at index ${i}`, 'drop or fill missing and infinite values first');
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!allowConstant && lo === hi) {
    throw new InvalidArgumentError(argument, values, `is constant (every value is ${lo})`, 'pass a series that varies');
  }
}

/** Checks both legs of a pair: finite, non-constant, at least `minLength` long and of equal length. */
export function checkPair(x: unknown, y: unknown, minLength: number, why: string): asserts x is Float64Array {
  checkSeries('x', x, minLength, why);
  checkSeries('y', y, minLength, why);
  if ((x as Float64Array).length !== (y as Float64Array).length) {
    throw new InvalidArgumentError(
      'y', y, `has length ${(y as Float64Array).length} but x has length ${(x as Float64Array).length}`,
      'align the two legs on the same dates and pass equal-length arrays',
    );
  }
}

/** Throws unless `window` is an integer in [min, n]. */
export function checkWindow(argument: string, window: unknown, min: number, n: number): asserts window is number {
  if (typeof window !== 'number' || !Number.isInteger(window) || window < min) {
    throw new InvalidArgumentError(argument, window, `must be an integer of at least ${min}`, `pass a window such as 60`);
  }
  if (window > n) {
    throw new InvalidArgumentError(
      argument, window, `is longer than the series (${n} observations)`,
      `pass at least ${window} observations or a window of at most ${n}`,
    );
  }
}

/** Throws unless `value` is a finite number satisfying `ok`. */
export function checkNumber(argument: string, value: unknown, ok: (v: number) => boolean, rule: string, fix: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new InvalidArgumentError(argument, value, `must be ${rule}`, fix);
  }
}

export function checkBoolean(argument: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, value, 'must be true or false', 'pass a boolean');
}
