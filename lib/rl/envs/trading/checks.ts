// Option checks the trading environments share, each naming the option, the value and the fix.
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';

/** The first check of every environment's constructor: an options object with known keys only. */
export function checkEnvOptions(options: object | undefined, keys: readonly string[], example: string): void {
  rejectUnknownOptions('options', options, keys);
  if (options === undefined) throw new InvalidArgumentError('options', options, 'is required', `pass ${example}`);
}

export function positiveNumber(argument: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < Infinity)) throw new InvalidArgumentError(argument, value, 'must be a finite number > 0', fix);
  return value;
}

export function nonNegativeNumber(argument: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(argument, value, 'must be a finite number >= 0', fix);
  return value;
}

export function booleanOption(argument: string, value: unknown, fix: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, value, 'must be true or false', fix);
  return value;
}
