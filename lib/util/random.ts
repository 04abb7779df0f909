// Seeded randomness, always passed in: no function in the library reads global random state.
// xoshiro128** (Blackman & Vigna) seeded through splitmix32: fast, 2^128-1 period, and the same
// stream on every platform, which Math.random cannot promise.
import { InvalidArgumentError } from './errors';

export interface Rng {
  /** The seed this generator was created from (logged with runs for reproducibility). */
  readonly seed: number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box-Muller, one value cached). */
  normal(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** A 31-bit integer, for seeding other generators (tfjs initializers, child streams). */
  nextSeed(): number;
  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: ArrayLike<T>): T[];
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError('seed', seed, 'must be a non-negative safe integer', 'pass an integer such as 42');
  }
  const mix = splitmix32(seed % 0x100000000);
  let s0 = mix(), s1 = mix(), s2 = mix(), s3 = mix();
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0; s1 >>>= 0; s2 >>>= 0; s3 >>>= 0;
    return result;
  };
  let spare: number | undefined;
  const uniform = (): number => nextU32() / 0x100000000;
  return {
    seed,
    uniform,
    normal() {
      if (spare !== undefined) { const v = spare; spare = undefined; return v; }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('n', n, 'must be a positive integer', 'pass the number of choices');
      return Math.floor(uniform() * n);
    },
    nextSeed: () => nextU32() >>> 1,
    shuffled<T>(items: ArrayLike<T>): T[] {
      const out = Array.from(items);
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = out[i]!; out[i] = out[j]!; out[j] = tmp;
      }
      return out;
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
