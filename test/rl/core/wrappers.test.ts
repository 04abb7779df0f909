// Wrappers against Gymnasium 1.4.0's own, on one scripted stream of observations, rewards and
// terminations (TimeLimit adds truncations): NormalizeObservation and NormalizeReward (running
// statistics to 1e-12; Gymnasium returns float32 observations, so those agree to float32
// precision), FrameStackObservation (exactly, both paddings) and RecordEpisodeStatistics.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActionMasking, Box, checkEnv, EnvStateError, FrameStack, NormalizeObservation, NormalizeReward, RecordEpisodeStatistics,
  RunningMeanStd, sampleMasked, TimeLimit, type Env,
} from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';
import { makeScript, REPLAY_ENV_PY, ReplayEnv, type Script } from './replay-env';

const STEPS = 120;
interface Drive { obs: number[][]; rewards: number[]; flags: [boolean, boolean][]; episodes: [number, number][] }
interface Theirs { full: Drive; stackReset: Drive; stackZero: Drive; obsMean: number[]; obsVar: number[]; retVar: number }

const script: Script = makeScript(STEPS, 17);
let theirs: Theirs;

function drive(env: Env<Float64Array, number>, steps: number): Drive {
  const out: Drive = { obs: [Array.from(env.reset()[0])], rewards: [], flags: [], episodes: [] };
  for (let k = 0; k < steps; k++) {
    const [obs, r, term, trunc, info] = env.step(0);
    out.obs.push(Array.from(obs)); out.rewards.push(r); out.flags.push([term, trunc]);
    const episode = info.episode as { r: number; l: number } | undefined;
    if (episode) out.episodes.push([episode.r, episode.l]);
    if (term || trunc) out.obs.push(Array.from(env.reset()[0]));
  }
  return out;
}

const fullStack = (s: Script) => {
  const obsNorm = new NormalizeObservation(new FrameStack(new TimeLimit(new ReplayEnv(s), 7), 3));
  const rewardNorm = new NormalizeReward(obsNorm);
  return { env: new RecordEpisodeStatistics(rewardNorm), obsNorm, rewardNorm };
};

beforeAll(() => {
  theirs = runPython<Theirs>(REPLAY_ENV_PY + `
from gymnasium.wrappers import TimeLimit, FrameStackObservation, NormalizeObservation, NormalizeReward, RecordEpisodeStatistics
s, n = inp['script'], inp['steps']
on = NormalizeObservation(FrameStackObservation(TimeLimit(Replay(s), 7), 3))
rn = NormalizeReward(on, gamma=0.99, epsilon=1e-8)
full = drive(RecordEpisodeStatistics(rn), n)
print(json.dumps({'full': full,
  'stackReset': drive(FrameStackObservation(TimeLimit(Replay(s), 7), 3), n),
  'stackZero': drive(FrameStackObservation(TimeLimit(Replay(s), 7), 3, padding_type='zero'), n),
  'obsMean': on.obs_rms.mean.ravel().tolist(), 'obsVar': on.obs_rms.var.ravel().tolist(), 'retVar': float(rn.return_rms.var)}))
`, { script, steps: STEPS });
});

describe('wrappers match Gymnasium', () => {
  it('FrameStack equals FrameStackObservation exactly, with reset and zero padding', () => {
    const ours = drive(new FrameStack(new TimeLimit(new ReplayEnv(script), 7), 3), STEPS);
    expect(ours.flags.filter(([, trunc]) => trunc).length).toBeGreaterThan(3);
    expect(ours.flags.filter(([term]) => term).length).toBeGreaterThan(3);
    expect(ours.obs).toEqual(theirs.stackReset.obs);
    expect(drive(new FrameStack(new TimeLimit(new ReplayEnv(script), 7), 3, { padding: 'zero' }), STEPS).obs).toEqual(theirs.stackZero.obs);
  });

  it('NormalizeObservation, NormalizeReward and RecordEpisodeStatistics agree step for step', () => {
    const { env, obsNorm, rewardNorm } = fullStack(script);
    const ours = drive(env, STEPS);
    expect(ours.flags).toEqual(theirs.full.flags);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    ours.obs.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(Math.fround(v) - theirs.full.obs[i]![k]!)).toBeLessThanOrEqual(4e-7 * Math.max(1, Math.abs(v)))));
    ours.rewards.forEach((r, i) => expect(rel(r, theirs.full.rewards[i]!)).toBeLessThan(1e-12));
    Array.from(obsNorm.rms.mean).forEach((m, i) => expect(rel(m, theirs.obsMean[i]!)).toBeLessThan(1e-12));
    Array.from(obsNorm.rms.var).forEach((v, i) => expect(rel(v, theirs.obsVar[i]!)).toBeLessThan(1e-12));
    expect(rel(rewardNorm.rms.var[0]!, theirs.retVar)).toBeLessThan(1e-12);
    expect(ours.episodes.length).toBe(theirs.full.episodes.length);
    ours.episodes.forEach(([r, l], i) => { expect(l).toBe(theirs.full.episodes[i]![1]); expect(rel(r, theirs.full.episodes[i]![0])).toBeLessThan(1e-12); });
  });
});

describe('wrapper behaviour', () => {
  it('frozen statistics stop moving; saved statistics carry over to a new wrapper', () => {
    const { env, obsNorm } = fullStack(script);
    drive(env, 30);
    obsNorm.update = false;
    const before = obsNorm.rms.toJSON();
    env.step(0);
    expect(obsNorm.rms.toJSON()).toEqual(before);
    const copy = new NormalizeObservation(new FrameStack(new ReplayEnv(script), 3), { stats: before });
    expect(Array.from(copy.rms.mean)).toEqual(before.mean);
    expect(RunningMeanStd.fromJSON(JSON.parse(JSON.stringify(before))).count).toBe(before.count);
  });

  it('FrameStack pads with zero clipped into the bounds, so padded stacks stay in the space', () => {
    const inner = new (class extends ReplayEnv {
      override readonly observationSpace = new Box([1, -100, -5], [2, 100, -1]);
    })({ obs: [[1.5, 0, -2], [1.2, 3, -3]], rewards: [0], ends: [false] });
    const env = new FrameStack(inner, 2, { padding: 'zero' });
    const [obs] = env.reset();
    expect(Array.from(obs)).toEqual([1, 0, -1, 1.5, 0, -2]);
    expect(env.observationSpace.contains(obs)).toBe(true);
    expect(Array.from(env.step(0)[0])).toEqual([1.5, 0, -2, 1.2, 3, -3]);
  });

  it('TimeLimit truncates, then refuses to step until reset', () => {
    const env = new TimeLimit(new ReplayEnv({ obs: Array.from({ length: 10 }, () => [0, 0, 0]), rewards: [1, 1, 1], ends: [false, false, false] }), 2);
    env.reset();
    expect(env.step(0).slice(2, 4)).toEqual([false, false]);
    expect(env.step(0).slice(2, 4)).toEqual([false, true]);
    expect(env.elapsedSteps).toBe(2);
    expect(() => env.step(0)).toThrow(EnvStateError);
    expect(() => env.step(0)).toThrow(/TimeLimit: step\(\) was called after the episode ended/);
  });

  it('RecordEpisodeStatistics reports r, l and t from the clock it is given, and keeps the last episodes', () => {
    let clock = 0;
    const env = new RecordEpisodeStatistics(new TimeLimit(new ReplayEnv(script), 4), { now: () => (clock += 250), bufferLength: 2 });
    drive(env, 12);
    expect(env.episodes.length).toBe(2);
    // The clock is read at reset and at the end: one 250 ms tick apart.
    for (const e of env.episodes) { expect(e.t).toBe(0.25); expect(e.l).toBeLessThanOrEqual(4); }
  });

  it('ActionMasking puts the mask in info, refuses masked actions, and passes checkEnv with mask-aware sampling', () => {
    const maskOf = () => Uint8Array.of(0, 1);
    const env = new ActionMasking(new ReplayEnv(script), { mask: maskOf });
    const [, info] = env.reset();
    expect(Array.from(info.actionMask as Uint8Array)).toEqual([0, 1]);
    expect(() => env.step(0)).toThrow(/action = 0: is masked out in this state \(info\.actionMask = \[0, 1\]\)\. Fix: choose an action whose info\.actionMask entry is 1/);
    expect(Array.from(env.step(1)[4].actionMask as Uint8Array)).toEqual([0, 1]);
    expect(checkEnv(() => new ActionMasking(new TimeLimit(new ReplayEnv(script), 5), { mask: maskOf }), { steps: 40 }).episodesEnded).toBeGreaterThan(0);
    const rng = createRng(2);
    for (let i = 0; i < 50; i++) expect(sampleMasked(Uint8Array.of(0, 1, 0, 1), rng, 10)).toBeOneOf([11, 13]);
  });

  it('rejects bad arguments with the argument, the value and the fix', () => {
    const base = () => new ReplayEnv(script);
    expect(() => new TimeLimit(base(), 0)).toThrow(/maxEpisodeSteps = 0: must be a whole number >= 1/);
    expect(() => new FrameStack(base(), 0)).toThrow(/stackSize = 0: must be a whole number >= 1/);
    expect(() => new FrameStack(base(), 2, { padding: 'edge' as never })).toThrow(/options\.padding = "edge": must be 'reset' or 'zero'/);
    expect(() => new NormalizeObservation(base(), { epsilon: 0 })).toThrow(/options\.epsilon = 0: must be a finite number > 0\. Fix: pass e\.g\. 1e-8/);
    expect(() => new NormalizeReward(base(), { gamma: 1.5 })).toThrow(/options\.gamma = 1\.5: must be in \[0, 1\]/);
    expect(() => new NormalizeObservation(base(), { stats: { mean: [0], var: [1], count: 1 } })).toThrow(/options\.stats = .*: holds 1 elements, the observations 3/);
    expect(() => new RecordEpisodeStatistics(base(), { bufferLength: 0 })).toThrow(/options\.bufferLength = 0: must be a whole number >= 1/);
    expect(() => new ActionMasking(base())).toThrow(/options\.mask = undefined: is needed: ReplayEnv has no actionMask\(\) method/);
    const bad = new ActionMasking(base(), { mask: () => Uint8Array.of(0, 0) });
    expect(() => bad.reset()).toThrow(/actionMask = array of length 2: must be a Uint8Array of 2 zeros and ones with at least one 1/);
    expect(() => new NormalizeObservation({ observationSpace: { kind: 'discrete' }, step() {} } as never)).toThrow(/env\.observationSpace = "discrete": must be a Box for NormalizeObservation/);
  });
});
