// Boundary checks shared by the backtest kernels, so every entry point rejects bad input with the
// same wording: the argument, the value and what to pass instead.
import { InvalidArgumentError } from '../util/errors';
export { rejectUnknownOptions } from '../util/options';

/** Rejects option keys the function does not know: a misspelt option must not be silently ignored. */
export function requireFloat64Array(argument: string, value: unknown): Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, value, 'must be a Float64Array', 'convert with Float64Array.from(values)');
  }
  return value;
}

export function requireFiniteNumber(argument: string, value: unknown, min: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new InvalidArgumentError(argument, value, `must be a finite number >= ${min}`, fix);
  }
  return value;
}
