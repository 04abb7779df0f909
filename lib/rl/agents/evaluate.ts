// Scores a policy the way stable-baselines3's evaluate_policy does, episode by episode, but with
// all episodes running side by side so each step is one batched forward pass.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Env } from '../core/types';

/** Anything that maps a batch of observations to actions: Ppo, Dqn, or a plain function's wrapper. */
export interface BatchPolicy<Act> {
  predictBatch(observations: readonly Float64Array[], deterministic?: boolean): Act[];
}

export interface EvaluatePolicyOptions {
  /** Episodes to run; episode i is reset with seed + i. */
  readonly episodes?: number;
  readonly seed?: number;
  readonly deterministic?: boolean;
}

export const DEFAULT_EVALUATE_EPISODES = 100;
export const DEFAULT_EVALUATE_SEED = 0;

export interface PolicyEvaluation {
  readonly returns: Float64Array;
  readonly lengths: Float64Array;
  readonly meanReturn: number;
  /** Population standard deviation of the returns, as evaluate_policy reports it. */
  readonly stdReturn: number;
}

/** Runs `episodes` episodes, each in its own environment from `makeEnv`, to the end. */
export function evaluatePolicy<Act>(policy: BatchPolicy<Act>, makeEnv: () => Env<Float64Array, Act>, options: EvaluatePolicyOptions = {}): PolicyEvaluation {
  rejectUnknownOptions('options', options, ['episodes', 'seed', 'deterministic']);
  const episodes = options.episodes ?? DEFAULT_EVALUATE_EPISODES, seed = options.seed ?? DEFAULT_EVALUATE_SEED;
  if (!Number.isSafeInteger(episodes) || episodes < 1) throw new InvalidArgumentError('options.episodes', episodes, 'must be a whole number >= 1', 'pass e.g. 100');
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('options.seed', seed, 'must be a non-negative safe integer', 'pass e.g. 0');
  if (typeof policy?.predictBatch !== 'function') throw new InvalidArgumentError('policy', policy, 'has no predictBatch method', 'pass a Ppo or Dqn agent');
  if (typeof makeEnv !== 'function') throw new InvalidArgumentError('makeEnv', makeEnv, 'must be a function that builds an environment', 'pass e.g. () => makeCartPole()');
  const envs = Array.from({ length: episodes }, () => makeEnv());
  const obs = envs.map((env, i) => env.reset({ seed: seed + i })[0]);
  const returns = new Float64Array(episodes), lengths = new Float64Array(episodes);
  let running = envs.map((_, i) => i);
  while (running.length > 0) {
    const actions = policy.predictBatch(running.map((i) => obs[i]!), options.deterministic ?? true);
    running = running.filter((i, j) => {
      const [next, reward, terminated, truncated] = envs[i]!.step(actions[j]!);
      returns[i] = returns[i]! + reward;
      lengths[i] = lengths[i]! + 1;
      obs[i] = next;
      return !(terminated || truncated);
    });
  }
  envs.forEach((env) => env.close());
  const meanReturn = returns.reduce((a, b) => a + b, 0) / episodes;
  const stdReturn = Math.sqrt(returns.reduce((a, b) => a + (b - meanReturn) ** 2, 0) / episodes);
  return { returns, lengths, meanReturn, stdReturn };
}
