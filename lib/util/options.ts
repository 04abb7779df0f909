// Options objects are checked at the boundary, in every domain: a misspelt option (`maxMissingFracton`) must fail
// loudly instead of silently leaving the default in force.
import { InvalidArgumentError } from './errors';

/** Throws when `options` holds a key outside `allowed`. */
export function rejectUnknownOptions(argument: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(argument, options, 'must be an options object', `pass an object with some of: ${allowed.join(', ')}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError(`${argument}.${key}`, (options as Record<string, unknown>)[key], 'is not a known option', `use only: ${allowed.join(', ')}`);
    }
  }
}
