// Boundary checks shared by the cost models, so each one words its errors alike.
import { InvalidArgumentError } from '../../util/errors';

/** A finite number >= min (> min with `strict`). */
export function requireNumber(argument: string, value: unknown, min: number, fix: string, strict = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (strict ? value <= min : value < min)) {
    throw new InvalidArgumentError(argument, value, `must be a finite number ${strict ? '>' : '>='} ${min}`, fix);
  }
  return value;
}

/** A plain options object (or undefined, read as {}). */
export function requireObject(argument: string, value: unknown, fix: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(argument, value, 'must be an options object', fix);
  }
  return value as Record<string, unknown>;
}
