// CartPole-v1 against Gymnasium 1.4.0 (the project's .venv): from the same initial state and the
// same actions, the states agree step for step to 1e-9 (absolute, on states of order 1), and
// every reward and termination flag is the same. Gymnasium's env.unwrapped.state is set to ours
// after each reset, so the comparison covers the dynamics, not the two generators.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEnv, EnvStateError, CartPoleEnv, makeCartPole } from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

const STEPS = 600;

interface Ours { actions: number[]; starts: number[][]; states: number[][]; rewards: number[]; terminated: boolean[]; truncated: boolean[] }
interface Theirs { states: number[][]; rewards: number[]; terminated: boolean[]; truncated: boolean[]; obs32: number[][]; version: string }

let ours: Ours;
let theirs: Theirs;

beforeAll(() => {
  const env = makeCartPole();
  const rng = createRng(7);
  ours = { actions: [], starts: [], states: [], rewards: [], terminated: [], truncated: [] };
  let [obs] = env.reset({ seed: 3 });
  ours.starts.push(Array.from(obs));
  for (let t = 0; t < STEPS; t++) {
    const a = rng.int(2);
    const [next, r, term, trunc] = env.step(a);
    ours.actions.push(a);
    ours.states.push(Array.from((env.unwrapped as CartPoleEnv).state));
    ours.rewards.push(r);
    ours.terminated.push(term);
    ours.truncated.push(trunc);
    obs = next;
    if (term || trunc) ours.starts.push(Array.from(env.reset()[0]));
  }
  // Gymnasium steps the same actions; after each of its resets its state is replaced by ours.
  theirs = runPython<Theirs>(`
import gymnasium as gym, numpy as np
env = gym.make('CartPole-v1')
env.reset(seed=0)
starts = iter(inp['starts'])
env.unwrapped.state = np.array(next(starts), dtype=np.float64)
out = {'states': [], 'rewards': [], 'terminated': [], 'truncated': [], 'obs32': [], 'version': gym.__version__}
for a in inp['actions']:
    obs, r, term, trunc, _ = env.step(a)
    out['states'].append([float(v) for v in env.unwrapped.state])
    out['obs32'].append([float(v) for v in obs])
    out['rewards'].append(float(r)); out['terminated'].append(bool(term)); out['truncated'].append(bool(trunc))
    if term or trunc:
        env.reset()
        env.unwrapped.state = np.array(next(starts), dtype=np.float64)
print(json.dumps(out))
`, { actions: ours.actions, starts: ours.starts });
});

describe('CartPole-v1 matches Gymnasium', () => {
  it('state, reward, terminated and truncated step for step over 600 random actions', () => {
    expect(theirs.version).toBe('1.4.0');
    expect(ours.terminated.filter(Boolean).length).toBeGreaterThan(10); // several episodes, several resets
    let worst = 0;
    for (let t = 0; t < STEPS; t++) {
      for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs(ours.states[t]![i]! - theirs.states[t]![i]!));
      expect(ours.rewards[t]).toBe(theirs.rewards[t]);
      expect(ours.terminated[t]).toBe(theirs.terminated[t]);
      expect(ours.truncated[t]).toBe(theirs.truncated[t]);
      // Gymnasium's observation is the state rounded to float32.
      expect(ours.states[t]!.map(Math.fround)).toEqual(theirs.obs32[t]);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('truncates at 500 steps as gym.make registers it', () => {
    const env = makeCartPole();
    env.reset({ seed: 1 });
    // A balancing controller (push toward the pole's lean) survives the 500 steps.
    let obs = env.reset({ seed: 1 })[0];
    let steps = 0, truncated = false, terminated = false;
    while (!truncated && !terminated) {
      const [next, , term, trunc] = env.step(obs[2]! + 0.5 * obs[3]! > 0 ? 1 : 0);
      obs = next; terminated = term; truncated = trunc; steps++;
    }
    expect([steps, truncated, terminated]).toEqual([500, true, false]);
    expect(() => env.step(0)).toThrow(EnvStateError);
  });

  it('resets uniformly in [-0.05, 0.05) per state variable from the seed', () => {
    const env = new CartPoleEnv();
    const a = env.reset({ seed: 11 })[0], b = env.reset({ seed: 11 })[0], c = env.reset()[0];
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    const rng = createRng(11);
    expect(Array.from(a)).toEqual(Array.from({ length: 4 }, () => -0.05 + 0.1 * rng.uniform()));
  });

  it('passes checkEnv, bare and inside its TimeLimit', () => {
    expect(checkEnv(new CartPoleEnv(), { steps: 300 }).episodesEnded).toBeGreaterThan(0);
    const report = checkEnv(makeCartPole({ maxEpisodeSteps: 20 }), { steps: 300 });
    expect(report.stepAfterEndChecked).toBe(true);
    expect(report.actionSpace).toEqual({ kind: 'discrete', n: 2, start: 0 });
  });

  it('rejects bad actions and reset options with the argument, value and fix', () => {
    const env = makeCartPole();
    expect(() => env.step(0)).toThrow(/step\(\) was called before the first reset\(\).*Fix: call env.reset\(\)/);
    env.reset({ seed: 0 });
    expect(() => env.step(2)).toThrow(/action = 2: is not an element of the action space Discrete\(2\)\. Fix: pass an integer from 0 to 1/);
    expect(() => env.reset({ seed: -1 })).toThrow(/options.seed = -1: must be a non-negative safe integer/);
    expect(() => env.reset({ options: { low: 0.1, high: 0.1 } })).toThrow(/options.options.low = 0.1: is not below high = 0.1/);
    expect(() => env.reset({ options: { lo: 0 } })).toThrow(/options.options.lo = 0: is not a known option\. Fix: use only: low, high/);
    expect(() => makeCartPole({ maxEpisodeSteps: 0 })).toThrow(/maxEpisodeSteps = 0: must be a whole number >= 1/);
  });
});
