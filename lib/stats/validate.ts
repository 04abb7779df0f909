// Boundary checks shared by the stats models: a bad series fails here, with the argument named,
// instead of surfacing later as a NaN log-likelihood or an optimiser that never converges.
import { InvalidArgumentError } from '../util/errors';

/** Throws unless `values` is a Float64Array of at least `minLength` finite, non-constant values. */
export function validateSeries(argument: string, values: unknown, minLength: number): asserts values is Float64Array {
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, values, 'must be a Float64Array', 'wrap the data: Float64Array.from(values)');
  }
  if (values.length < minLength) {
    throw new InvalidArgumentError(
      argument, values, `has ${values.length} observations, fewer than the minimum of ${minLength}`,
      `pass at least ${minLength} observations`,
    );
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(
        argument, values, `holds ${v} at index ${i}`, 'drop or fill missing and infinite values before fitting',
      );
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) {
    throw new InvalidArgumentError(
      argument, values, `is constant (every value is ${lo})`, 'pass a series that varies, such as returns rather than prices of a pegged asset',
    );
  }
}

export { rejectUnknownOptions } from '../util/options';
