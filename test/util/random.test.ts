import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import { InvalidArgumentError } from '../../lib/util/errors';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it('draws uniforms on [0,1) with mean 1/2 and normals with mean 0 and variance 1', () => {
    const rng = createRng(1);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      lo = Math.min(lo, u); hi = Math.max(hi, u);
      su += u;
      const z = rng.normal();
      sn += z; sn2 += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it('shuffles a copy, keeping every element', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = createRng(3).shuffled(items);
    expect(out.slice().sort()).toEqual(items);
    expect(out).not.toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('rejects a bad seed naming the argument', () => {
    expect(() => createRng(-1)).toThrow(InvalidArgumentError);
    expect(() => createRng(1.5)).toThrow(/seed = 1.5/);
  });
});
