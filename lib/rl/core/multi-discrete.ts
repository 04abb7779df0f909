// MultiDiscrete(nvec): an Int32Array whose element i lies in [0, nvec[i]) (Gymnasium's
// MultiDiscrete without a start offset), e.g. one discrete choice per asset.
import { createRng, type Rng } from '../../util/random';
import { InvalidArgumentError } from '../../util/errors';
import { DEFAULT_SPACE_SEED } from './discrete';
import type { Space, SpaceJSON } from './types';

export class MultiDiscrete implements Space<Int32Array> {
  readonly kind = 'multiDiscrete';
  readonly shape: readonly number[];
  readonly nvec: readonly number[];
  private rng: Rng = createRng(DEFAULT_SPACE_SEED);

  constructor(nvec: ArrayLike<number>) {
    if (nvec === null || typeof nvec !== 'object' || typeof nvec.length !== 'number' || nvec.length === 0) {
      throw new InvalidArgumentError('nvec', nvec, 'must be a non-empty array of choice counts', 'pass e.g. [3, 3] for two three-way choices');
    }
    const list = Array.from(nvec);
    list.forEach((n, i) => {
      if (!Number.isSafeInteger(n) || n < 1 || n > 0x7fffffff) throw new InvalidArgumentError(`nvec[${i}]`, n, 'must be a whole number >= 1 (an Int32 count)', 'pass the number of choices of each element');
    });
    this.nvec = Object.freeze(list);
    this.shape = Object.freeze([list.length]);
  }

  contains(x: unknown): x is Int32Array {
    if (!(x instanceof Int32Array) || x.length !== this.nvec.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i]! < 0 || x[i]! >= this.nvec[i]!) return false;
    return true;
  }

  sample(rng: Rng = this.rng): Int32Array {
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) out[i] = rng.int(this.nvec[i]!);
    return out;
  }

  seed(seed: number): void {
    this.rng = createRng(seed);
  }

  toJSON(): SpaceJSON {
    return { kind: 'multiDiscrete', nvec: [...this.nvec] };
  }
}
