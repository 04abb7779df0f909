// DQN: the TD targets, Huber loss and exploration schedule against a NumPy transcription of
// stable-baselines3 2.9.2 (dqn/dqn.py train, torch smooth_l1_loss's definition, utils.get_linear_fn)
// computed in the test; learning checked on environments with closed-form Q-values, including
// bootstrapping through time-limit truncation; seeding, checkpoints, tensor hygiene, bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { Dqn, dqnTargets, explorationRate, huberLoss } from '../../../lib/rl/agents';
import { Box } from '../../../lib/rl/core/box';
import { SyncVectorEnv } from '../../../lib/rl/core/sync-vector-env';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';
import { runPython } from '../../helpers/python';
import { ContextBandit, endlessReward, ReachTarget } from './toy-envs';

const ROWS = 16, ACTIONS = 3;
const rng = createRng(21);
const nextQ = Float64Array.from({ length: ROWS * ACTIONS }, () => 3 * rng.normal());
const q = Float64Array.from({ length: ROWS * ACTIONS }, () => 3 * rng.normal());
const actions = Int32Array.from({ length: ROWS }, () => rng.int(ACTIONS));
const rewards = Float64Array.from({ length: ROWS }, () => rng.normal());
const terminated = Float64Array.from({ length: ROWS }, () => (rng.uniform() < 0.3 ? 1 : 0));
const progress = Array.from({ length: 21 }, (_, i) => 1 - i / 20);

const REFERENCE = `
import numpy as np
next_q = np.array(inp['nextQ']).reshape(-1, inp['actions'])
q = np.array(inp['q']).reshape(-1, inp['actions'])
a = np.array(inp['chosen'])
rewards, dones = np.array(inp['rewards']), np.array(inp['terminated'])
target = rewards + (1 - dones) * inp['gamma'] * next_q.max(axis=1)
current = q[np.arange(len(a)), a]
d = current - target
loss = np.where(np.abs(d) < 1, 0.5 * d * d, np.abs(d) - 0.5).mean()
grad = np.zeros_like(q)
grad[np.arange(len(a)), a] = np.where(np.abs(d) < 1, d, np.sign(d)) / len(a)
def get_linear_fn(start, end, end_fraction):
    def func(progress_remaining):
        if (1 - progress_remaining) > end_fraction:
            return end
        return start + (1 - progress_remaining) * (end - start) / end_fraction
    return func
eps = get_linear_fn(1.0, 0.05, 0.1)
print(json.dumps({'target': target.tolist(), 'loss': float(loss), 'grad': grad.ravel().tolist(), 'eps': [eps(p) for p in inp['progress']]}))
`;

const small = { learningStarts: 100, bufferSize: 5_000, batchSize: 32, trainFreq: 1, targetUpdateInterval: 100, explorationFraction: 0.3, learningRate: 1e-3 };

describe('DQN numerical parts', () => {
  let ref: { target: number[]; loss: number; grad: number[]; eps: number[] };
  beforeAll(() => {
    ref = runPython(REFERENCE, { nextQ: Array.from(nextQ), q: Array.from(q), actions: ACTIONS, chosen: Array.from(actions), rewards: Array.from(rewards), terminated: Array.from(terminated), gamma: 0.9, progress });
  });

  it('targets, Huber loss and its gradient equal the stable-baselines3 transcription to 1e-12', () => {
    const targets = dqnTargets(nextQ, ACTIONS, rewards, terminated, 0.9);
    targets.forEach((t, i) => expect(Math.abs(t - ref.target[i]!)).toBeLessThanOrEqual(1e-12));
    const h = huberLoss(q, ACTIONS, actions, targets);
    expect(Math.abs(h.loss - ref.loss)).toBeLessThanOrEqual(1e-12);
    h.dQ.forEach((g, i) => expect(Math.abs(g - ref.grad[i]!)).toBeLessThanOrEqual(1e-12));
    // Both Huber branches occur.
    const d = Array.from(actions, (a, r) => Math.abs(q[r * ACTIONS + a]! - targets[r]!));
    expect(d.some((x) => x < 1) && d.some((x) => x > 1)).toBe(true);
  });

  it('the exploration rate follows get_linear_fn(1, 0.05, 0.1)', () => {
    progress.forEach((p, i) => expect(explorationRate(p, 1, 0.05, 0.1)).toBeCloseTo(ref.eps[i]!, 14));
  });
});

describe('Dqn', () => {
  it('learns a contextual bandit: Q(s, .) approaches [-c, c] and the greedy action is right', () => {
    const venv = new SyncVectorEnv(Array.from({ length: 4 }, () => () => new ContextBandit()));
    const agent = new Dqn(venv.envs[0]!, { ...small, gamma: 0.99, gradientSteps: 2 }, createRng(1)).learn(venv, { totalTimesteps: 3_000 });
    const contexts = [-0.9, -0.5, 0.4, 0.8];
    const qv = agent.qValues(contexts.map((c) => Float64Array.of(c)));
    contexts.forEach((c, i) => {
      expect(Math.abs(qv[2 * i]! + c)).toBeLessThan(0.15);
      expect(Math.abs(qv[2 * i + 1]! - c)).toBeLessThan(0.15);
    });
    expect(agent.predictBatch(contexts.map((c) => Float64Array.of(c)))).toEqual([0, 0, 1, 1]);
    agent.dispose();
  });

  it('bootstraps through time-limit truncation: Q = 1 / (1 - gamma), not the truncated sum', () => {
    // Reward 1 forever, episodes cut at 5 steps, gamma 0.5: Q = 2. Treating the cut as terminal would give 1 / (1 - 0.4) = 1.67.
    const venv = new SyncVectorEnv(Array.from({ length: 4 }, () => () => endlessReward(5)));
    const agent = new Dqn(venv.envs[0]!, { ...small, gamma: 0.5, targetUpdateInterval: 50, gradientSteps: 2 }, createRng(2)).learn(venv, { totalTimesteps: 3_000 });
    const [q0, q1] = agent.qValues([Float64Array.of(0.5)]);
    expect(Math.abs(q0! - 2)).toBeLessThan(0.1);
    expect(Math.abs(q1! - 2)).toBeLessThan(0.1);
    agent.dispose();
  });

  it('is seeded: the same Rng seed gives the same weights, another seed others', () => {
    const run = (seed: number) => {
      const env = new ContextBandit();
      const agent = new Dqn(env, small, createRng(seed)).learn(env, { totalTimesteps: 400 });
      const w = agent.toJSON().weights.q;
      agent.dispose();
      return JSON.stringify(w);
    };
    const a = run(7);
    expect(run(7)).toBe(a);
    expect(run(8)).not.toBe(a);
  });

  it('reports progress through onLog, and stops when it returns false', () => {
    const env = new ContextBandit(), seen: number[] = [];
    const agent = new Dqn(env, small, createRng(3));
    agent.learn(env, { totalTimesteps: 1_000, logInterval: 200, onLog: (s) => {
      seen.push(s.timesteps);
      expect(Object.values(s).every((v) => typeof v === 'number')).toBe(true);
      expect(s.episodes).toBe(s.timesteps);
      expect(s.loss).toBeGreaterThan(0);
      return s.timesteps < 600;
    } });
    expect(seen).toEqual([200, 400, 600]);
    expect(agent.numTimesteps).toBe(600);
    expect(agent.exploration).toBeCloseTo(explorationRate(1 - 600 / 1000, 1, 0.05, 0.3), 12);
    agent.dispose();
  });

  it('round-trips through JSON: same Q-values and actions', () => {
    const env = new ContextBandit();
    const agent = new Dqn(env, small, createRng(4)).learn(env, { totalTimesteps: 300 });
    const copy = Dqn.fromJSON(JSON.parse(JSON.stringify(agent.toJSON())), createRng(0));
    const obs = [-0.7, 0.1, 0.6].map((c) => Float64Array.of(c));
    expect(Array.from(copy.qValues(obs))).toEqual(Array.from(agent.qValues(obs)));
    expect(copy.config).toEqual(agent.config);
    expect(copy.numTimesteps).toBe(300);
    agent.dispose(); copy.dispose();
  });

  it('leaves the tensor count unchanged across training calls', () => {
    const tf = getTf(), env = new ContextBandit();
    const agent = new Dqn(env, small, createRng(5)).learn(env, { totalTimesteps: 200 });
    const before = tf.memory().numTensors;
    agent.learn(env, { totalTimesteps: 200 });
    agent.predict(Float64Array.of(0.2));
    agent.learn(env, { totalTimesteps: 200 });
    expect(tf.memory().numTensors).toBe(before);
    agent.dispose();
  });

  it('rejects bad input with the argument, the value and the fix', () => {
    const env = new ContextBandit(), r = createRng(6);
    expect(() => new Dqn(new ReachTarget() as never, {}, r)).toThrow(/env\.actionSpace = .*"kind":"box".*: must be a Discrete space\. Fix: use PPO for Box actions/);
    expect(() => new Dqn(env, { gama: 0.9 } as never, r)).toThrow(/options\.gama = 0\.9: is not a known option\. Fix: use only: learningRate/);
    expect(() => new Dqn(env, { tau: 0 }, r)).toThrow(/options\.tau = 0: must be a number in \(0, 1\]\. Fix: pass e\.g\. 1 \(hard update\)/);
    expect(() => new Dqn(env, { learningRate: { kind: 'cosine', start: 1 } as never }, r)).toThrow(/options\.learningRate = .*cosine.*: must be a positive number or \{ kind: 'linear', start, end\? \}/);
    const agent = new Dqn(env, small, r);
    expect(() => agent.learn(env, { totalTimesteps: 0 })).toThrow(/options\.totalTimesteps = 0: must be a whole number >= 1/);
    const wide = { ...env, observationSpace: new Box(-1, 1, [2]), actionSpace: env.actionSpace, reset: env.reset.bind(env), step: env.step.bind(env), close: env.close.bind(env), metadata: {} };
    expect(() => agent.learn(wide, { totalTimesteps: 10 })).toThrow(/env = .*: has spaces unlike the ones the agent was built for\. Fix: train on environments of the configuration/);
    expect(() => agent.predict(Float64Array.of(1, 2))).toThrow(/observation\[0\] = array of length 2: must be a Float64Array of 1 values/);
    expect(() => Dqn.fromJSON({ format: 'quantlab.ppo', version: 1 }, r)).toThrow(/json = .*: is not a DQN checkpoint .*Fix: pass the object written by dqn\.toJSON\(\)/);
    agent.dispose();
  });
});
