// SyncVectorEnv: same-step auto-reset checked against Gymnasium 1.4.0's SyncVectorEnv in
// AutoresetMode.SAME_STEP on scripted sub-environments (observations, rewards, flags and final
// observations equal), seeds seed + i per sub-environment, the checker, and argument errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { CartPoleEnv, checkEnv, makeCartPole, SyncVectorEnv, TimeLimit } from '../../../lib/rl';
import { runPython } from '../../helpers/python';
import { makeScript, REPLAY_ENV_PY, ReplayEnv } from './replay-env';

const STEPS = 40, N = 3;
const scripts = Array.from({ length: N }, (_, i) => makeScript(STEPS, 100 + i));
interface Trace { obs: number[][][]; rewards: number[][]; terminated: boolean[][]; truncated: boolean[][]; finals: [number, number, number[]][] }
let theirs: Trace;

beforeAll(() => {
  theirs = runPython<Trace>(REPLAY_ENV_PY + `
from gymnasium.vector import SyncVectorEnv, AutoresetMode
from gymnasium.wrappers import TimeLimit
envs = SyncVectorEnv([(lambda s=s: TimeLimit(Replay(s), 6)) for s in inp['scripts']], autoreset_mode=AutoresetMode.SAME_STEP)
obs, _ = envs.reset()
out = {'obs': [obs.tolist()], 'rewards': [], 'terminated': [], 'truncated': [], 'finals': []}
for t in range(inp['steps']):
    obs, r, term, trunc, info = envs.step([0] * len(inp['scripts']))
    out['obs'].append(obs.tolist()); out['rewards'].append(r.tolist()); out['terminated'].append(term.tolist()); out['truncated'].append(trunc.tolist())
    if 'final_obs' in info:
        for i, has in enumerate(info['_final_obs']):
            if has: out['finals'].append([t, i, info['final_obs'][i].tolist()])
print(json.dumps(out))
`, { scripts, steps: STEPS });
});

describe('SyncVectorEnv', () => {
  it('auto-resets in the same step exactly as Gymnasium\'s SAME_STEP mode', () => {
    const venv = new SyncVectorEnv(scripts.map((s) => () => new TimeLimit(new ReplayEnv(s), 6)));
    const [obs0] = venv.reset();
    const ours: Trace = { obs: [obs0.map((o) => Array.from(o))], rewards: [], terminated: [], truncated: [], finals: [] };
    for (let t = 0; t < STEPS; t++) {
      const [obs, r, term, trunc, infos] = venv.step([0, 0, 0]);
      ours.obs.push(obs.map((o) => Array.from(o))); ours.rewards.push(Array.from(r)); ours.terminated.push(term); ours.truncated.push(trunc);
      infos.forEach((info, i) => {
        if (info.finalObservation) {
          ours.finals.push([t, i, Array.from(info.finalObservation as Float64Array)]);
          expect(info.finalInfo).toEqual({});
        }
      });
    }
    expect(ours.finals.length).toBeGreaterThan(10);
    expect(ours).toEqual(theirs);
  });

  it('seeds sub-environment i with seed + i, and passes checkEnv', () => {
    const venv = new SyncVectorEnv([0, 1, 2, 3].map(() => () => new CartPoleEnv()));
    const [obs] = venv.reset({ seed: 10 });
    obs.forEach((o, i) => expect(Array.from(o)).toEqual(Array.from(new CartPoleEnv().reset({ seed: 10 + i })[0])));
    const report = checkEnv(new SyncVectorEnv([0, 1, 2, 3].map(() => () => makeCartPole())), { steps: 100 });
    expect(report.episodesEnded).toBeGreaterThan(4);
  });

  it('refuses to step before reset or after close, and rejects bad arguments', () => {
    const venv = new SyncVectorEnv([() => new CartPoleEnv(), () => new CartPoleEnv()]);
    expect(() => venv.step([0, 0])).toThrow(/SyncVectorEnv: step\(\) was called before the first reset\(\)/);
    venv.reset({ seed: 1 });
    expect(() => venv.step([0])).toThrow(/actions = array of length 1: must be an array of 2 actions \(one per environment\)/);
    expect(() => venv.step([0, 5])).toThrow(/action = 5: is not an element of the action space Discrete\(2\)/);
    venv.close();
    expect(() => venv.step([0, 0])).toThrow(/step\(\) was called after close\(\)/);
    const shared = new CartPoleEnv();
    expect(() => new SyncVectorEnv([() => shared, () => shared])).toThrow(/envFns\[1\] = "the same object": returned the environment envFns\[0\] returned/);
    expect(() => new SyncVectorEnv([])).toThrow(/envFns = array of length 0: must be a non-empty array of functions/);
    expect(() => new SyncVectorEnv([new CartPoleEnv() as never])).toThrow(/envFns\[0\] = .*: is not a function\. Fix: pass \(\) => new MyEnv/);
    expect(() => new SyncVectorEnv([() => new CartPoleEnv(), () => new ReplayEnv(scripts[0]!)])).toThrow(/envFns\[1\] = "Box\(shape \[3\]\)": built an observation space unlike envFns\[0\]'s Box\(shape \[4\]\)/);
  });
});
