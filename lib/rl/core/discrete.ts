// Discrete(n, start): the integers start, start + 1, ..., start + n - 1 (Gymnasium's Discrete).
import { createRng, type Rng } from '../../util/random';
import { InvalidArgumentError } from '../../util/errors';
import type { Space, SpaceJSON } from './types';

/** A space's own generator starts from this seed until space.seed() is called (no global random state). */
export const DEFAULT_SPACE_SEED = 0;

export class Discrete implements Space<number> {
  readonly kind = 'discrete';
  readonly shape: readonly number[] = [];
  private rng: Rng = createRng(DEFAULT_SPACE_SEED);

  constructor(readonly n: number, readonly start = 0) {
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('n', n, 'must be a whole number >= 1', 'pass the number of actions, e.g. 3');
    if (!Number.isSafeInteger(start)) throw new InvalidArgumentError('start', start, 'must be a whole number', 'pass the smallest element, usually 0');
  }

  contains(x: unknown): x is number {
    return typeof x === 'number' && Number.isInteger(x) && x >= this.start && x < this.start + this.n;
  }

  sample(rng: Rng = this.rng): number {
    return this.start + rng.int(this.n);
  }

  seed(seed: number): void {
    this.rng = createRng(seed);
  }

  toJSON(): SpaceJSON {
    return { kind: 'discrete', n: this.n, start: this.start };
  }
}
