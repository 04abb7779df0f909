// GAE and returns against a NumPy transcription of stable-baselines3 2.9.2's
// RolloutBuffer.compute_returns_and_advantage (common/buffers.py) on a fixed random rollout with
// episode boundaries, and explained_variance (common/utils.py); both computed in the test.
import { beforeAll, describe, expect, it } from 'vitest';
import { computeGae, explainedVariance } from '../../../lib/rl/agents';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

const N_STEPS = 37, N_ENVS = 5, GAMMA = 0.97, LAMBDA = 0.9;

function rollout(seed: number) {
  const rng = createRng(seed), size = N_STEPS * N_ENVS;
  const f = (g: () => number, n = size) => Float64Array.from({ length: n }, g);
  return {
    rewards: f(() => rng.normal()), values: f(() => 3 * rng.normal()),
    episodeStarts: f(() => (rng.uniform() < 0.15 ? 1 : 0)),
    lastValues: f(() => rng.normal(), N_ENVS), lastDones: Float64Array.from([1, 0, 0, 1, 0]),
  };
}

const REFERENCE = `
import numpy as np
def sb3_gae(r):
    n_steps, n_envs = inp['nSteps'], inp['nEnvs']
    rewards = np.array(r['rewards']).reshape(n_steps, n_envs)
    values = np.array(r['values']).reshape(n_steps, n_envs)
    episode_starts = np.array(r['episodeStarts']).reshape(n_steps, n_envs)
    last_values, dones = np.array(r['lastValues']), np.array(r['lastDones'])
    gamma, gae_lambda = inp['gamma'], inp['lambda']
    advantages = np.zeros((n_steps, n_envs))
    last_gae_lam = 0
    for step in reversed(range(n_steps)):
        if step == n_steps - 1:
            next_non_terminal = 1.0 - dones
            next_values = last_values
        else:
            next_non_terminal = 1.0 - episode_starts[step + 1]
            next_values = values[step + 1]
        delta = rewards[step] + gamma * next_values * next_non_terminal - values[step]
        last_gae_lam = delta + gamma * gae_lambda * next_non_terminal * last_gae_lam
        advantages[step] = last_gae_lam
    returns = advantages + values
    return {'advantages': advantages.ravel().tolist(), 'returns': returns.ravel().tolist()}
def explained_variance(y_pred, y_true):
    var_y = np.var(y_true)
    return float('nan') if var_y == 0 else float(1 - np.var(y_true - y_pred) / var_y)
out = [sb3_gae(r) for r in inp['rollouts']]
ev = explained_variance(np.array(inp['rollouts'][0]['values']), np.array(out[0]['returns']))
print(json.dumps({'gae': out, 'ev': ev}))
`;

const toLists = (r: ReturnType<typeof rollout>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.from(v)]));

describe('computeGae', () => {
  const rollouts = [rollout(1), rollout(2)];
  let ref: { gae: { advantages: number[]; returns: number[] }[]; ev: number };
  beforeAll(() => {
    ref = runPython(REFERENCE, { nSteps: N_STEPS, nEnvs: N_ENVS, gamma: GAMMA, lambda: LAMBDA, rollouts: rollouts.map(toLists) });
  });

  it('equals stable-baselines3 compute_returns_and_advantage to 1e-12 (episode starts inside and at the end)', () => {
    rollouts.forEach((r, i) => {
      const out = computeGae({ nSteps: N_STEPS, nEnvs: N_ENVS, ...r, gamma: GAMMA, gaeLambda: LAMBDA });
      const expected = ref.gae[i]!;
      let worst = 0;
      for (let j = 0; j < out.advantages.length; j++) {
        worst = Math.max(worst, Math.abs(out.advantages[j]! - expected.advantages[j]!), Math.abs(out.returns[j]! - expected.returns[j]!));
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
      expect(out.advantages.some((a) => Math.abs(a) > 0.5)).toBe(true);
    });
  });

  it('lambda 1 gives discounted Monte-Carlo returns; lambda 0 the one-step TD error', () => {
    const r = { rewards: Float64Array.from([1, 2, 3]), values: Float64Array.from([0.5, -1, 2]), episodeStarts: Float64Array.from([1, 0, 0]), lastValues: Float64Array.from([4]), lastDones: Float64Array.from([0]) };
    const mc = computeGae({ nSteps: 3, nEnvs: 1, ...r, gamma: 0.5, gaeLambda: 1 });
    // R0 = 1 + .5*2 + .25*3 + .125*4 = 3.25, R1 = 2 + .5*3 + .25*4 = 4.5, R2 = 3 + .5*4 = 5.
    expect(Array.from(mc.returns)).toEqual([3.25, 4.5, 5]);
    const td = computeGae({ nSteps: 3, nEnvs: 1, ...r, gamma: 0.5, gaeLambda: 0 });
    expect(Array.from(td.advantages)).toEqual([1 + 0.5 * -1 - 0.5, 2 + 0.5 * 2 + 1, 3 + 0.5 * 4 - 2]);
  });

  it('explainedVariance equals stable-baselines3 explained_variance', () => {
    const r = rollouts[0]!;
    const { returns } = computeGae({ nSteps: N_STEPS, nEnvs: N_ENVS, ...r, gamma: GAMMA, gaeLambda: LAMBDA });
    expect(explainedVariance(r.values, returns)).toBeCloseTo(ref.ev, 12);
    expect(explainedVariance(Float64Array.from([1, 2]), Float64Array.from([3, 3]))).toBeNaN();
  });

  it('rejects arrays of the wrong length, naming the field', () => {
    const r = rollout(3);
    expect(() => computeGae({ nSteps: N_STEPS, nEnvs: N_ENVS, ...r, values: r.values.subarray(1), gamma: GAMMA, gaeLambda: LAMBDA }))
      .toThrow(/input\.values = array of length 184: must hold 185 values .*Fix: pass the rollout buffer's arrays unchanged/);
  });
});
