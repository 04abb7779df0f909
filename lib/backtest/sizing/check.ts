// Boundary checks shared by the sizing functions, so each one words its errors alike: the
// argument, the value, what is wrong and what to pass instead.
import { InvalidArgumentError } from '../../util/errors';

/** A finite number > 0 (or >= 0 with `allowZero`). */
export function requirePositive(argument: string, value: unknown, fix: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (allowZero ? value < 0 : value <= 0)) {
    throw new InvalidArgumentError(argument, value, `must be a finite number ${allowZero ? '>= 0' : '> 0'}`, fix);
  }
  return value;
}

/** A whole number >= min. */
export function requireInteger(argument: string, value: unknown, min: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, value, `must be a whole number >= ${min}`, fix);
  }
  return value;
}

/** A Float64Array without infinities (NaN allowed: a bar without a return). */
export function requireReturns(argument: string, value: unknown): Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, value, 'must be a Float64Array of per-period returns', 'convert with Float64Array.from(values)');
  }
  for (let t = 0; t < value.length; t++) {
    if (value[t] === Infinity || value[t] === -Infinity) {
      throw new InvalidArgumentError(`${argument}[${t}]`, value[t], 'is infinite', 'check the price series for a zero price');
    }
  }
  return value;
}
