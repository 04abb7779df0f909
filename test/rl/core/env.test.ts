// The Env base class: the generator is re-seeded only by reset({ seed }), out-of-order calls and
// bad reset options throw errors that say what to do.
import { describe, expect, it } from 'vitest';
import { CartPoleEnv, EnvStateError, makeCartPole } from '../../../lib/rl';

describe('BaseEnv', () => {
  it('re-seeds on reset({ seed }) only; a plain reset continues the stream', () => {
    const a = new CartPoleEnv(), b = new CartPoleEnv();
    const first = [a.reset({ seed: 4 })[0], a.reset()[0], a.reset()[0]].map((o) => Array.from(o));
    const again = [b.reset({ seed: 4 })[0], b.reset()[0], b.reset()[0]].map((o) => Array.from(o));
    expect(again).toEqual(first);
    expect(first[1]).not.toEqual(first[0]);
    // Unseeded environments start from DEFAULT_ENV_SEED: reproducible, never global state.
    expect(Array.from(new CartPoleEnv().reset()[0])).toEqual(Array.from(new CartPoleEnv().reset({ seed: 0 })[0]));
  });

  it('refuses to step before reset, after the end, and to reset after close', () => {
    const env = new CartPoleEnv();
    expect(() => env.step(1)).toThrow(EnvStateError);
    expect(() => env.step(1)).toThrow(/^CartPoleEnv: step\(\) was called before the first reset\(\)\. Fix: call env\.reset\(\)/);
    env.reset({ seed: 0 });
    let done = false;
    while (!done) { const [, , term, trunc] = env.step(1); done = term || trunc; }
    expect(() => env.step(1)).toThrow(/CartPoleEnv: step\(\) was called after the episode ended \(terminated or truncated\) without a reset\(\)\. Fix: call env\.reset\(\) when step\(\) returns terminated or truncated = true/);
    env.reset();
    expect(env.step(1)[1]).toBe(1);
    env.close();
    expect(() => env.step(1)).toThrow(/step\(\) was called after close\(\)/);
    expect(() => env.reset()).toThrow(/CartPoleEnv: reset\(\) was called after close\(\)\. Fix: build a new environment/);
    const wrapped = makeCartPole();
    wrapped.close();
    expect(() => wrapped.reset()).toThrow(/TimeLimit: reset\(\) was called after close\(\)/);
  });

  it('rejects bad reset options with the argument, the value and the fix', () => {
    const env = new CartPoleEnv();
    expect(() => env.reset({ seed: 1.5 })).toThrow(/options\.seed = 1\.5: must be a non-negative safe integer\. Fix: pass e\.g\. reset\(\{ seed: 42 \}\)/);
    expect(() => env.reset({ sed: 1 } as never)).toThrow(/options\.sed = 1: is not a known option\. Fix: use only: seed, options/);
    expect(() => env.reset({ options: [] as never })).toThrow(/options\.options = array of length 0: must be an object of environment-specific reset options/);
  });
});
