// Box(low, high, shape): Float64Array elements of a fixed shape (row-major, flattened), each
// within its own [low, high]; a side may be infinite. Sampling follows Gymnasium: uniform on a
// bounded interval, a shifted exponential on a half-line, a standard normal on the whole line.
import { createRng, type Rng } from '../../util/random';
import { InvalidArgumentError } from '../../util/errors';
import { DEFAULT_SPACE_SEED } from './discrete';
import type { Space, SpaceJSON } from './types';

export class Box implements Space<Float64Array> {
  readonly kind = 'box';
  readonly shape: readonly number[];
  /** Elements in one observation or action: the product of the shape. */
  readonly size: number;
  /** Lower bounds, flattened row-major (treat as read-only). */
  readonly low: Float64Array;
  /** Upper bounds, flattened row-major (treat as read-only). */
  readonly high: Float64Array;
  private rng: Rng = createRng(DEFAULT_SPACE_SEED);

  /**
   * `low` and `high` are numbers (broadcast to every element) or arrays of `size` elements; the
   * shape defaults to [length] of whichever bound is an array.
   */
  constructor(low: number | ArrayLike<number>, high: number | ArrayLike<number>, shape?: readonly number[]) {
    const inferred = typeof low === 'number' ? (typeof high === 'number' ? undefined : [high.length]) : [low.length];
    const dims = shape ?? inferred;
    if (dims === undefined) throw new InvalidArgumentError('shape', shape, 'is needed when low and high are both numbers', 'pass the shape, e.g. new Box(-1, 1, [3])');
    if (!Array.isArray(dims) || dims.length === 0 || !dims.every((d) => Number.isSafeInteger(d) && d >= 1)) {
      throw new InvalidArgumentError('shape', dims, 'must be a non-empty array of whole numbers >= 1', 'pass e.g. [4] or [10, 3]');
    }
    this.shape = Object.freeze([...dims]);
    this.size = dims.reduce((a, b) => a * b, 1);
    this.low = bound('low', low, this.size);
    this.high = bound('high', high, this.size);
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i]!, hi = this.high[i]!;
      if (lo === Infinity) throw new InvalidArgumentError(`low[${i}]`, lo, 'is +Infinity', 'use a finite lower bound or -Infinity');
      if (hi === -Infinity) throw new InvalidArgumentError(`high[${i}]`, hi, 'is -Infinity', 'use a finite upper bound or Infinity');
      if (!(lo <= hi)) throw new InvalidArgumentError(`low[${i}]`, lo, `is above high[${i}] = ${hi}`, 'pass low <= high for every element');
    }
  }

  /** True when every element has finite bounds on both sides. */
  isBounded(): boolean {
    for (let i = 0; i < this.size; i++) if (!(this.low[i]! > -Infinity && this.high[i]! < Infinity)) return false;
    return true;
  }

  contains(x: unknown): x is Float64Array {
    if (!(x instanceof Float64Array) || x.length !== this.size) return false;
    const lo = this.low, hi = this.high;
    // NaN fails both comparisons, so it is never contained.
    for (let i = 0; i < x.length; i++) if (!(x[i]! >= lo[i]! && x[i]! <= hi[i]!)) return false;
    return true;
  }

  sample(rng: Rng = this.rng): Float64Array {
    const out = new Float64Array(this.size);
    for (let i = 0; i < out.length; i++) {
      const lo = this.low[i]!, hi = this.high[i]!;
      const below = lo > -Infinity, above = hi < Infinity;
      if (below && above) out[i] = lo + (hi - lo) * rng.uniform();
      else if (below) out[i] = lo - Math.log(1 - rng.uniform());
      else if (above) out[i] = hi + Math.log(1 - rng.uniform());
      else out[i] = rng.normal();
    }
    return out;
  }

  seed(seed: number): void {
    this.rng = createRng(seed);
  }

  /** Infinite bounds stay numbers here; JSON.stringify writes them as null, which boxFromJSON reads back. */
  toJSON(): SpaceJSON {
    return { kind: 'box', low: Array.from(this.low), high: Array.from(this.high), shape: [...this.shape] };
  }
}

function bound(argument: string, value: number | ArrayLike<number>, size: number): Float64Array {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new InvalidArgumentError(argument, value, 'is NaN', 'pass a number or ±Infinity');
    return new Float64Array(size).fill(value);
  }
  if (value === null || typeof value !== 'object' || value.length !== size) {
    throw new InvalidArgumentError(argument, value, `must be a number or an array of ${size} numbers (the product of the shape)`, 'pass one bound per element, flattened row-major');
  }
  const out = Float64Array.from(value);
  out.forEach((v, i) => {
    if (Number.isNaN(v)) throw new InvalidArgumentError(`${argument}[${i}]`, value[i], 'is not a number', 'pass a number or ±Infinity');
  });
  return out;
}
