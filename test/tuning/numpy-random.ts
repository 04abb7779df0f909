// NumPy's legacy RandomState(seed) stream (MT19937 seeded by init_genrand, 53-bit doubles from
// two 32-bit words) as an Rng, so a sampler given it draws exactly what Optuna draws with the same
// seed. Only uniform() is NumPy's: the TPE and start-up draws on float and int ranges use nothing
// else, and the other methods throw rather than pass off another stream as NumPy's.
import type { Rng } from '../../lib/util/random';

const N = 624;
const M = 397;

export function numpyRandomState(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed = ${seed}: NumPy takes 0 <= seed < 2**32`);
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) mt[i] = (Math.imul(1812433253, mt[i - 1]! ^ (mt[i - 1]! >>> 30)) + i) >>> 0;
  let index = N;
  const next = (): number => {
    if (index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
        mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const unsupported = (what: string) => (): never => { throw new Error(`numpyRandomState: ${what} is not NumPy's stream; only uniform() is`); };
  return {
    seed,
    uniform: () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992,
    normal: unsupported('normal()'),
    int: unsupported('int()'),
    nextSeed: unsupported('nextSeed()'),
    shuffled: unsupported('shuffled()'),
  };
}
