// PPO end to end on small problems with known answers: a Gaussian policy that must learn a
// target, a value function that must bootstrap through time-limit truncation, seeding (same seed,
// same weights), checkpoints, the rollout statistics hook, tensor hygiene and bad input.
import { describe, expect, it } from 'vitest';
import { Ppo, type PpoOptions, type PpoRolloutStats } from '../../../lib/rl/agents';
import { Box } from '../../../lib/rl/core/box';
import { Discrete } from '../../../lib/rl/core/discrete';
import { MultiDiscrete } from '../../../lib/rl/core/multi-discrete';
import { SyncVectorEnv } from '../../../lib/rl/core/sync-vector-env';
import { makeCartPole } from '../../../lib/rl/envs/cartpole';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';
import { endlessReward, ReachTarget } from './toy-envs';

const small: PpoOptions = { nSteps: 32, batchSize: 64, nEpochs: 2 };
const cartPoles = (n: number) => new SyncVectorEnv(Array.from({ length: n }, () => () => makeCartPole()));

describe('Ppo', () => {
  it('learns a continuous action: the Gaussian mean approaches the target and the std shrinks', () => {
    const venv = new SyncVectorEnv(Array.from({ length: 4 }, () => () => new ReachTarget()));
    let last: PpoRolloutStats | undefined;
    const agent = new Ppo(venv.envs[0]!, { nSteps: 64, batchSize: 64, nEpochs: 10, learningRate: 3e-3, gamma: 0 }, createRng(1))
      .learn(venv, { totalTimesteps: 8_192, onRollout: (s) => { last = s; } });
    const targets = [-0.8, 0, 0.7];
    agent.predictBatch(targets.map((t) => Float64Array.of(t))).forEach((a, i) => expect(Math.abs(a[0]! - targets[i]!)).toBeLessThan(0.15));
    expect(last!.std).toBeLessThan(0.6);
    expect(last!.episodeReturnMean).toBeGreaterThan(-0.5);
    agent.dispose();
  });

  it('bootstraps truncated episodes with V(final observation): V approaches 1 / (1 - gamma)', () => {
    // Reward 1 forever, cut at 5 steps, gamma 0.5: V = 2. Without the bootstrap the targets average about 1.6.
    const venv = new SyncVectorEnv(Array.from({ length: 4 }, () => () => endlessReward(5)));
    const agent = new Ppo(venv.envs[0]!, { nSteps: 32, batchSize: 64, nEpochs: 10, gamma: 0.5, gaeLambda: 0.95, learningRate: 3e-3 }, createRng(2))
      .learn(venv, { totalTimesteps: 6_000 });
    expect(Math.abs(agent.predictValues([Float64Array.of(0.5)])[0]! - 2)).toBeLessThan(0.1);
    agent.dispose();
  });

  it('is seeded: the same Rng seed gives the same weights after training, another seed others', () => {
    const run = (seed: number) => {
      const venv = cartPoles(4);
      const agent = new Ppo(venv.envs[0]!, small, createRng(seed)).learn(venv, { totalTimesteps: 256 });
      const json = JSON.stringify(agent.toJSON().weights);
      agent.dispose();
      return json;
    };
    const a = run(11);
    expect(run(11)).toBe(a);
    expect(run(12)).not.toBe(a);
  });

  it('calls onRollout with numeric statistics after every rollout, and stops when it returns false', () => {
    const venv = cartPoles(2), seen: PpoRolloutStats[] = [];
    const agent = new Ppo(venv.envs[0]!, { ...small, learningRate: { kind: 'linear', start: 1e-3 }, clipRange: { kind: 'linear', start: 0.2, end: 0.1 } }, createRng(3));
    agent.learn(venv, { totalTimesteps: 64 * 5, onRollout: (s) => { seen.push(s); return s.iteration < 3; } });
    expect(seen.map((s) => s.iteration)).toEqual([1, 2, 3]);
    expect(seen.map((s) => s.timesteps)).toEqual([64, 128, 192]);
    expect(agent.numTimesteps).toBe(192);
    for (const s of seen) expect(Object.values(s).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    // Progress remaining after rollout 2 is 1 - 128 / 320: the schedules are read there.
    expect(seen[1]!.learningRate).toBeCloseTo(1e-3 * (1 - 128 / 320), 15);
    expect(seen[1]!.clipRange).toBeCloseTo(0.1 + 0.1 * (1 - 128 / 320), 15);
    expect(seen[2]!.updates).toBe(3 * small.nEpochs!);
    expect(seen[2]!.episodeLengthMean).toBeGreaterThan(5);
    expect(seen[0]!.std).toBeUndefined();
    agent.dispose();
  });

  it('round-trips through JSON: same actions and values (Discrete and Box actions)', () => {
    const venv = cartPoles(2);
    const discrete = new Ppo(venv.envs[0]!, small, createRng(4)).learn(venv, { totalTimesteps: 128 });
    const obs = [Float64Array.of(0.01, -0.2, 0.03, 0.1), Float64Array.of(-0.5, 0.4, -0.1, -0.6)];
    const copy = Ppo.fromJSON<number>(JSON.parse(JSON.stringify(discrete.toJSON())), createRng(0));
    expect(copy.predictBatch(obs)).toEqual(discrete.predictBatch(obs));
    expect(Array.from(copy.predictValues(obs))).toEqual(Array.from(discrete.predictValues(obs)));
    expect(copy.config).toEqual(discrete.config);
    const box = new Ppo(new ReachTarget(), { ...small, logStdInit: -0.5 }, createRng(5));
    const boxCopy = Ppo.fromJSON<Float64Array>(JSON.parse(JSON.stringify(box.toJSON())), createRng(0));
    expect(boxCopy.toJSON().weights.logStd).toEqual([Math.fround(-0.5)]);
    expect(Array.from(boxCopy.predict(Float64Array.of(0.3)))).toEqual(Array.from(box.predict(Float64Array.of(0.3))));
    [discrete, copy, box, boxCopy].forEach((a) => a.dispose());
  });

  it('maps Discrete actions from the space start and clips Box actions to the bounds', () => {
    const shifted = new Ppo({ observationSpace: new Box(-1, 1, [2]), actionSpace: new Discrete(3, 5) }, small, createRng(6));
    const actions = shifted.predictBatch(Array.from({ length: 50 }, (_, i) => Float64Array.of(Math.sin(i), Math.cos(i))), false);
    expect(actions.every((a) => a >= 5 && a <= 7)).toBe(true);
    expect(new Set(actions).size).toBe(3);
    // log std 2: samples far outside [-0.1, 0.1] are clipped onto it.
    const wide = new Ppo({ observationSpace: new Box(-1, 1, [1]), actionSpace: new Box(-0.1, 0.1, [1]) }, { ...small, logStdInit: 2 }, createRng(7));
    const sampled = wide.predictBatch(Array.from({ length: 50 }, () => Float64Array.of(0)), false).map((a) => a[0]!);
    expect(sampled.every((a) => a >= -0.1 && a <= 0.1)).toBe(true);
    expect(sampled.filter((a) => Math.abs(a) === 0.1).length).toBeGreaterThan(40);
    shifted.dispose(); wide.dispose();
  });

  it('leaves the tensor count unchanged across rollouts, updates and predictions', () => {
    const tf = getTf(), venv = cartPoles(2);
    const agent = new Ppo(venv.envs[0]!, small, createRng(8)).learn(venv, { totalTimesteps: 64 });
    const before = tf.memory().numTensors;
    agent.learn(venv, { totalTimesteps: 128 });
    agent.predictBatch([Float64Array.of(0, 0, 0, 0)]);
    agent.predictValues([Float64Array.of(0, 0, 0, 0)]);
    agent.learn(makeCartPole(), { totalTimesteps: 64 });
    expect(tf.memory().numTensors).toBe(before);
    agent.dispose();
  });

  it('trains on a single environment as a batch of one', () => {
    const env = makeCartPole();
    const agent = new Ppo(env, small, createRng(9)).learn(env, { totalTimesteps: 100 });
    expect(agent.numTimesteps).toBe(128);
    agent.dispose();
  });

  it('rejects bad input with the argument, the value and the fix', () => {
    const env = makeCartPole(), r = createRng(10);
    expect(() => new Ppo(env, { nStep: 10 } as never, r)).toThrow(/options\.nStep = 10: is not a known option\. Fix: use only: nSteps, batchSize/);
    expect(() => new Ppo(env, { clipRange: -0.2 }, r)).toThrow(/options\.clipRange = -0\.2: must be a positive number or \{ kind: 'linear', start, end\? \}/);
    expect(() => new Ppo(env, { gaeLambda: 1.5 }, r)).toThrow(/options\.gaeLambda = 1\.5: must be a number in \[0, 1\]\. Fix: pass e\.g\. 0\.95/);
    expect(() => new Ppo(env, { hiddenSizes: [] }, r)).toThrow(/options\.hiddenSizes = array of length 0: must be a non-empty array/);
    expect(() => new Ppo({ observationSpace: new Box(-1, 1, [2]), actionSpace: new MultiDiscrete([2, 3]) as never }, {}, r))
      .toThrow(/env\.actionSpace = .*multiDiscrete.*: must be a Discrete or Box space\. Fix: use Discrete or Box actions/);
    expect(() => new Ppo({ observationSpace: new Discrete(3) as never, actionSpace: new Discrete(2) }, {}, r)).toThrow(/env\.observationSpace = .*: must be a Box space/);
    expect(() => new Ppo({ observationSpace: new Box(-1, 1, [1]), actionSpace: new Box(-Infinity, Infinity, [1]) }, {}, r)).toThrow(/env\.actionSpace = .*: must have finite low and high bounds/);
    expect(() => new Ppo(env, {}, undefined as never)).toThrow(/rng = undefined: must be an Rng\. Fix: pass createRng\(seed\)/);
    const agent = new Ppo(env, small, r);
    expect(() => agent.learn(env, { totalTimesteps: 1.5 })).toThrow(/options\.totalTimesteps = 1\.5: must be a whole number >= 1/);
    expect(() => agent.learn(env, { totalTimesteps: 10, onRollout: 'log' as never })).toThrow(/options\.onRollout = "log": must be a function/);
    expect(() => agent.learn(new ReachTarget() as never, { totalTimesteps: 10 })).toThrow(/env = .*: has spaces unlike the ones the agent was built for/);
    expect(() => agent.predict(Float64Array.of(1, 2))).toThrow(/observation\[0\] = array of length 2: must be a Float64Array of 4 values/);
    expect(() => agent.predictBatch([])).toThrow(/observations = array of length 0: must be a non-empty array/);
    expect(() => Ppo.fromJSON({ format: 'x' }, r)).toThrow(/json = .*: is not a PPO checkpoint .*Fix: pass the object written by ppo\.toJSON\(\)/);
    const json = JSON.parse(JSON.stringify(agent.toJSON()));
    json.weights.value[2].weight = [1];
    expect(() => Ppo.fromJSON(json, r)).toThrow(/json\.weights\.value\[2\]\.weight = array of length 1: must be 64 finite numbers/);
    agent.dispose();
  });
});
