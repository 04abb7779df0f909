// Boundary checks shared by the kernels, so each kernel's body is only its arithmetic.
import { InvalidArgumentError } from '../util/errors';

export function checkSeries(argument: string, x: unknown): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, x, 'must be a Float64Array', 'wrap the values: Float64Array.from(values)');
  }
}

export function checkWindow(argument: string, window: unknown, min = 1): asserts window is number {
  if (typeof window !== 'number' || !Number.isInteger(window) || window < min) {
    throw new InvalidArgumentError(argument, window, `must be an integer >= ${min}`, `pass a whole number of bars such as 20`);
  }
}

/** Prices feed ratios and logarithms: zero or negative values would turn into silent Infinity/NaN. */
export function checkPositivePrices(argument: string, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    if (x[i]! <= 0 || x[i] === Number.POSITIVE_INFINITY) {
      throw new InvalidArgumentError(`${argument}[${i}]`, x[i], 'must be a positive price (or NaN where missing)', 'repair the data; validateBars lists non-positive prices');
    }
  }
}

export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}
