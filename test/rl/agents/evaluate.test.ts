// evaluatePolicy against a plain episode-by-episode loop over the same seeds, and its bad input.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../lib/rl/agents';
import { makeCartPole } from '../../../lib/rl/envs/cartpole';

/** Pushes right when the pole leans right: a poor policy whose episodes vary in length. */
const lean = { predictBatch: (obs: readonly Float64Array[]) => obs.map((o) => (o[2]! > 0 ? 1 : 0)) };

describe('evaluatePolicy', () => {
  it('equals running each seeded episode to its end one after another', () => {
    const score = evaluatePolicy(lean, () => makeCartPole({ maxEpisodeSteps: 200 }), { episodes: 12, seed: 40 });
    const expected = Array.from({ length: 12 }, (_, i) => {
      const env = makeCartPole({ maxEpisodeSteps: 200 });
      let [obs] = env.reset({ seed: 40 + i }), total = 0, done = false;
      while (!done) {
        const [next, reward, terminated, truncated] = env.step(lean.predictBatch([obs])[0]!);
        obs = next; total += reward; done = terminated || truncated;
      }
      return total;
    });
    expect(Array.from(score.returns)).toEqual(expected);
    expect(Array.from(score.lengths)).toEqual(expected);
    const mean = expected.reduce((a, b) => a + b, 0) / 12;
    expect(score.meanReturn).toBeCloseTo(mean, 12);
    expect(score.stdReturn).toBeCloseTo(Math.sqrt(expected.reduce((a, b) => a + (b - mean) ** 2, 0) / 12), 12);
    expect(new Set(expected).size).toBeGreaterThan(1);
  });

  it('rejects bad input with the argument, the value and the fix', () => {
    expect(() => evaluatePolicy(lean, () => makeCartPole(), { episodes: 0 })).toThrow(/options\.episodes = 0: must be a whole number >= 1\. Fix: pass e\.g\. 100/);
    expect(() => evaluatePolicy(lean, () => makeCartPole(), { seed: -1 })).toThrow(/options\.seed = -1: must be a non-negative safe integer/);
    expect(() => evaluatePolicy(lean, () => makeCartPole(), { episode: 3 } as never)).toThrow(/options\.episode = 3: is not a known option/);
    expect(() => evaluatePolicy({} as never, () => makeCartPole())).toThrow(/policy = \{\}: has no predictBatch method\. Fix: pass a Ppo or Dqn agent/);
    expect(() => evaluatePolicy(lean, makeCartPole() as never)).toThrow(/makeEnv = .*: must be a function that builds an environment/);
  });
});
