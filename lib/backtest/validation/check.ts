// Boundary checks shared by the validation functions.
import { InvalidArgumentError } from '../../util/errors';

/** A whole number >= min. */
export function whole(argument: string, value: unknown, min: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, value, `must be a whole number >= ${min}`, fix);
  }
  return value;
}
