// The sanity target: PPO with rl-baselines3-zoo's CartPole-v1 hyperparameters (8
// environments, 100,000 steps) reaches an average return of at least 475 over 100 episodes,
// scored deterministically with a fixed seed. Slow by design (about 30 s on two busy cores):
// it trains a policy from scratch; everything else about PPO is tested in ppo.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, Ppo, PPO_CARTPOLE_ZOO, type PpoRolloutStats } from '../../../lib/rl/agents';
import { SyncVectorEnv } from '../../../lib/rl/core/sync-vector-env';
import { makeCartPole } from '../../../lib/rl/envs/cartpole';
import { createRng } from '../../../lib/util/random';

describe('PPO on CartPole-v1 (zoo hyperparameters)', () => {
  it('averages at least 475 over 100 deterministic episodes after 100,000 steps', () => {
    const { nEnvs, totalTimesteps, options } = PPO_CARTPOLE_ZOO;
    const venv = new SyncVectorEnv(Array.from({ length: nEnvs }, () => () => makeCartPole()));
    const agent = new Ppo(venv.envs[0]!, options, createRng(1));
    let last: PpoRolloutStats | undefined;
    agent.learn(venv, { totalTimesteps, onRollout: (s) => { last = s; } });
    expect(last!.timesteps).toBeGreaterThanOrEqual(totalTimesteps);
    const score = evaluatePolicy(agent, () => makeCartPole(), { episodes: 100, seed: 10_000, deterministic: true });
    expect(score.returns.length).toBe(100);
    expect(score.meanReturn).toBeGreaterThanOrEqual(475);
    agent.dispose();
  }, 300_000);
});
