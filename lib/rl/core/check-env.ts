// checkEnv: Gymnasium's env_checker and stable-baselines3's check_env in one pass. It checks the
// spaces, the reset/step contract and types, that observations stay in the observation space,
// that stepping out of order throws, that sampled actions are accepted, and that two rollouts
// from the same seed with the same actions are identical. The first failure throws an
// EnvCheckError naming the rule, what was seen and the fix; a pass returns a report.
import { describeValue, InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng, type Rng } from '../../util/random';
import { Box } from './box';
import { Discrete } from './discrete';
import { EnvCheckError } from './errors';
import { checkerAction, checkSpace, expectFlag, expectIn, expectInfo, expectReward, sameValue, snapshot } from './check-values';
import type { Env, Info, Space, SpaceJSON, VectorEnv } from './types';
import { checkVectorEnv } from './check-vector-env';

/** Steps of each checked rollout. */
export const DEFAULT_CHECK_STEPS = 200;
export const DEFAULT_CHECK_SEED = 42;

export interface CheckEnvOptions {
  readonly steps?: number;
  readonly seed?: number;
}

export interface CheckEnvReport {
  readonly observationSpace: SpaceJSON;
  readonly actionSpace: SpaceJSON;
  /** Steps taken in each of the two rollouts. */
  readonly steps: number;
  /** Episodes that ended (terminated or truncated) within a rollout. */
  readonly episodesEnded: number;
  /** Whether an episode ended, so the step-after-end rule could be checked. */
  readonly stepAfterEndChecked: boolean;
  /** Advice that does not break the contract (stable-baselines3's check_env warnings). */
  readonly warnings: readonly string[];
}

interface Rollout { readonly obs: unknown[]; readonly rewards: number[]; readonly flags: boolean[]; readonly actions: unknown[]; ended: number; afterEndChecked: boolean }

type AnyEnv = Env<unknown, unknown> | VectorEnv<unknown, unknown>;

/**
 * Checks a freshly built environment (one not reset yet: the first check is that step() before
 * reset() throws) or a VectorEnv, or a factory of them: with a factory, the determinism check
 * compares two environments built and seeded alike, which is what wrappers with running
 * statistics (NormalizeObservation, NormalizeReward) need. Leaves the environments open.
 */
export function checkEnv(target: AnyEnv | (() => AnyEnv), options: CheckEnvOptions = {}): CheckEnvReport {
  const { steps, seed } = checkOptions(options);
  const env = typeof target === 'function' ? target() : target;
  const again = typeof target === 'function' ? target : () => env;
  if (env !== null && typeof env === 'object' && 'numEnvs' in env) {
    return checkVectorEnv(env, () => again() as VectorEnv<unknown, unknown>, { steps, seed });
  }
  const e = env as Env<unknown, unknown>;
  if (e === null || typeof e !== 'object') throw new EnvCheckError('env', `env is ${describeValue(e)}`, 'pass an environment object');
  for (const method of ['reset', 'step', 'close'] as const) {
    if (typeof e[method] !== 'function') throw new EnvCheckError('reset/step signatures', `env.${method} is not a function`, 'extend BaseEnv (lib/rl/core) or implement Env from lib/rl/core/types.ts');
  }
  const rng = createRng(seed);
  const obsSpace = checkSpace('observationSpace', e.observationSpace, rng);
  const actSpace = checkSpace('actionSpace', e.actionSpace, rng);
  if (e.metadata === null || typeof e.metadata !== 'object') throw new EnvCheckError('metadata', `env.metadata is ${describeValue(e.metadata)}`, 'declare metadata as a plain object, e.g. { renderModes: [] }');

  let threw = false;
  try { e.step(actSpace.sample(rng)); } catch { threw = true; }
  if (!threw) throw new EnvCheckError('step before reset', 'step() before the first reset() did not throw', 'refuse to step before reset (BaseEnv does), and pass checkEnv a freshly built environment');

  const first = rollout(e, obsSpace, actSpace, seed, steps, createRng(seed + 1), undefined);
  const second = rollout(again() as Env<unknown, unknown>, obsSpace, actSpace, seed, steps, createRng(seed + 1), first.actions);
  compareRollouts(first, second, seed);
  return {
    observationSpace: obsSpace.toJSON(), actionSpace: actSpace.toJSON(), steps, episodesEnded: first.ended,
    stepAfterEndChecked: first.afterEndChecked, warnings: warnings(obsSpace, actSpace),
  };
}

function checkOptions(options: CheckEnvOptions): { steps: number; seed: number } {
  rejectUnknownOptions('options', options, ['steps', 'seed']);
  const steps = options.steps ?? DEFAULT_CHECK_STEPS;
  const seed = options.seed ?? DEFAULT_CHECK_SEED;
  if (!Number.isSafeInteger(steps) || steps < 1) throw new InvalidArgumentError('options.steps', steps, 'must be a whole number >= 1', `pass the steps per rollout, e.g. ${DEFAULT_CHECK_STEPS}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('options.seed', seed, 'must be a non-negative safe integer', 'pass e.g. 42');
  return { steps, seed };
}

function rollout(env: Env<unknown, unknown>, obsSpace: Space<unknown>, actSpace: Space<unknown>, seed: number, steps: number, rng: Rng, replay: unknown[] | undefined): Rollout {
  const out: Rollout = { obs: [], rewards: [], flags: [], actions: [], ended: 0, afterEndChecked: false };
  const kept: { ref: unknown; copy: unknown; at: string }[] = [];
  let info = checkReset(env, obsSpace, { seed }, out, kept, 'reset({ seed })');
  for (let t = 0; t < steps; t++) {
    const action = replay ? replay[t] : checkerAction(actSpace, info, rng);
    out.actions.push(action);
    let result: unknown;
    try {
      result = env.step(action);
    } catch (error) {
      throw new EnvCheckError('sampled actions accepted', `step(${describeValue(action)}) threw at step ${t}: ${(error as Error).message}`, 'accept every element of the action space (or mask actions with ActionMasking)');
    }
    const what = `step ${t}`;
    if (!Array.isArray(result) || result.length !== 5) throw new EnvCheckError('step signature', `${what} returned ${describeValue(result)}`, 'return [observation, reward, terminated, truncated, info]');
    const [obs, reward, terminated, truncated, stepInfo] = result as unknown[];
    expectIn('observation in space', `the observation of ${what}`, obsSpace, obs);
    expectReward('reward is a finite number', `the reward of ${what}`, reward);
    expectFlag('terminated/truncated are booleans', `terminated of ${what}`, terminated);
    expectFlag('terminated/truncated are booleans', `truncated of ${what}`, truncated);
    expectInfo('step signature', `the info of ${what}`, stepInfo);
    out.obs.push(snapshot(obs));
    kept.push({ ref: obs, copy: snapshot(obs), at: what });
    out.rewards.push(reward as number);
    out.flags.push(terminated as boolean, truncated as boolean);
    info = stepInfo as Info;
    if (terminated || truncated) {
      out.ended++;
      if (!out.afterEndChecked && !replay) {
        let threw = false;
        try { env.step(checkerAction(actSpace, info, rng)); } catch { threw = true; }
        if (!threw) throw new EnvCheckError('step after the end', `step() after ${what} ended the episode did not throw`, 'refuse to step an ended episode until reset() (BaseEnv does)');
        out.afterEndChecked = true;
      }
      info = checkReset(env, obsSpace, undefined, out, kept, `reset() after ${what}`);
    }
  }
  for (const k of kept) {
    if (!sameValue(k.ref, k.copy)) throw new EnvCheckError('observations not reused', `the observation returned by ${k.at} changed later`, 'return a fresh array from each reset/step (agents keep observations in buffers)');
  }
  return out;
}

function checkReset(env: Env<unknown, unknown>, obsSpace: Space<unknown>, options: { seed: number } | undefined, out: Rollout, kept: { ref: unknown; copy: unknown; at: string }[], what: string): Info {
  const result: unknown = env.reset(options);
  if (!Array.isArray(result) || result.length !== 2) throw new EnvCheckError('reset signature', `${what} returned ${describeValue(result)}`, 'return [observation, info]');
  const [obs, info] = result as unknown[];
  expectIn('observation in space', `the observation of ${what}`, obsSpace, obs);
  expectInfo('reset signature', `the info of ${what}`, info);
  out.obs.push(snapshot(obs));
  kept.push({ ref: obs, copy: snapshot(obs), at: what });
  return info as Info;
}

function compareRollouts(a: Rollout, b: Rollout, seed: number): void {
  const fix = 'draw every random number from this.rng (re-seeded by reset({ seed })), never from Math.random or shared state; ' +
    'if a wrapper keeps running statistics (NormalizeObservation, NormalizeReward), pass checkEnv a factory () => env';
  for (let i = 0; i < a.obs.length; i++) {
    if (!sameValue(a.obs[i], b.obs[i])) throw new EnvCheckError('determinism', `two rollouts from reset({ seed: ${seed} }) with the same actions differ at observation ${i}`, fix);
  }
  for (let i = 0; i < a.rewards.length; i++) {
    if (!Object.is(a.rewards[i], b.rewards[i])) throw new EnvCheckError('determinism', `two rollouts from reset({ seed: ${seed} }) with the same actions differ at the reward of step ${i} (${a.rewards[i]} vs ${b.rewards[i]})`, fix);
    if (a.flags[2 * i] !== b.flags[2 * i] || a.flags[2 * i + 1] !== b.flags[2 * i + 1]) throw new EnvCheckError('determinism', `two rollouts from reset({ seed: ${seed} }) differ in terminated/truncated at step ${i}`, fix);
  }
}

function warnings(obs: Space<unknown>, act: Space<unknown>): string[] {
  const out: string[] = [];
  if (act instanceof Box) {
    const symmetric = act.low.every((lo, i) => lo === -1 && act.high[i] === 1);
    if (!symmetric) out.push('the Box action space is not [-1, 1] in every element: Gaussian policies (PPO, SAC) work best with actions rescaled to [-1, 1]');
  }
  if (act instanceof Discrete && act.start !== 0) out.push(`the Discrete action space starts at ${act.start}: most agents emit 0..n-1`);
  if (obs instanceof Box && !obs.isBounded()) out.push('the observation Box has infinite bounds: consider NormalizeObservation');
  return out;
}
