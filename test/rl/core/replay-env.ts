// A scripted environment for wrapper tests: every reset and step returns the next observation of
// a fixed list, steps return the next scripted reward and termination flag. The same script runs
// in Python (REPLAY_ENV_PY) so Gymnasium's wrappers see exactly the same stream.
import { BaseEnv, Box, Discrete, type Info, type StepResult } from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';

export interface Script { readonly obs: number[][]; readonly rewards: number[]; readonly ends: boolean[] }

export function makeScript(steps: number, seed: number): Script {
  const rng = createRng(seed);
  return {
    obs: Array.from({ length: 2 * steps + 2 }, () => [rng.normal() * 3 + 1, rng.uniform() * 10, rng.normal()]),
    rewards: Array.from({ length: steps }, () => rng.normal() * 2 + 0.5),
    ends: Array.from({ length: steps }, () => rng.uniform() < 0.08),
  };
}

export class ReplayEnv extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box(-100, 100, [3]);
  readonly actionSpace = new Discrete(2);
  private o = 0;
  private s = 0;
  constructor(private readonly script: Script) { super(); }
  protected resetEpisode(): [Float64Array, Info] {
    return [Float64Array.from(this.script.obs[this.o++]!), {}];
  }
  protected stepEpisode(): StepResult<Float64Array> {
    const k = this.s++;
    return [Float64Array.from(this.script.obs[this.o++]!), this.script.rewards[k]!, this.script.ends[k]!, false, {}];
  }
}

export const REPLAY_ENV_PY = `
import gymnasium as gym, numpy as np
class Replay(gym.Env):
    def __init__(self, script):
        self.script = script; self.o = 0; self.s = 0
        self.observation_space = gym.spaces.Box(-100, 100, (3,), dtype=np.float64)
        self.action_space = gym.spaces.Discrete(2)
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        o = np.array(self.script['obs'][self.o], dtype=np.float64); self.o += 1
        return o, {}
    def step(self, action):
        k = self.s; self.s += 1
        o = np.array(self.script['obs'][self.o], dtype=np.float64); self.o += 1
        return o, self.script['rewards'][k], self.script['ends'][k], False, {}
def drive(env, steps):
    obs, _ = env.reset()
    out = {'obs': [np.asarray(obs, dtype=np.float64).ravel().tolist()], 'rewards': [], 'flags': [], 'episodes': []}
    for _ in range(steps):
        obs, r, term, trunc, info = env.step(0)
        out['obs'].append(np.asarray(obs, dtype=np.float64).ravel().tolist()); out['rewards'].append(float(r)); out['flags'].append([bool(term), bool(trunc)])
        if 'episode' in info:
            out['episodes'].append([float(info['episode']['r']), int(info['episode']['l'])])
        if term or trunc:
            obs, _ = env.reset()
            out['obs'].append(np.asarray(obs, dtype=np.float64).ravel().tolist())
    return out
`;
