// Small environments whose optimal values are known in closed form, for the agents' tests.
import { Box } from '../../../lib/rl/core/box';
import { Discrete } from '../../../lib/rl/core/discrete';
import { BaseEnv } from '../../../lib/rl/core/env';
import { TimeLimit } from '../../../lib/rl/core/wrappers/time-limit';
import type { Info, StepResult } from '../../../lib/rl/core/types';

/** One-step episodes; a random context c in [-1, 1]; action 1 pays c, action 0 pays -c: Q = [-c, c]. */
export class ContextBandit extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box(-1, 1, [1]);
  readonly actionSpace = new Discrete(2);
  private c = 0;

  protected resetEpisode(): [Float64Array, Info] {
    this.c = 2 * this.rng.uniform() - 1;
    return [Float64Array.of(this.c), {}];
  }

  protected stepEpisode(action: number): StepResult<Float64Array> {
    return [Float64Array.of(this.c), action === 1 ? this.c : -this.c, true, false, {}];
  }
}

/**
 * Never terminates; reward 1 on every step; the observation is always [0.5]. Under a time limit
 * the true value is 1 / (1 - gamma) for every state: a learner that treats truncation as a
 * terminal state learns less.
 */
export class EndlessReward extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box(0, 1, [1]);
  readonly actionSpace = new Discrete(2);

  protected resetEpisode(): [Float64Array, Info] {
    return [Float64Array.of(0.5), {}];
  }

  protected stepEpisode(): StepResult<Float64Array> {
    return [Float64Array.of(0.5), 1, false, false, {}];
  }
}

export function endlessReward(maxEpisodeSteps: number): TimeLimit<Float64Array, number> {
  return new TimeLimit(new EndlessReward(), maxEpisodeSteps);
}

/** One-step episodes: observation t uniform on [-1, 1], reward -(a - t)^2 with a clipped to [-2, 2]. */
export class ReachTarget extends BaseEnv<Float64Array, Float64Array> {
  readonly observationSpace = new Box(-1, 1, [1]);
  readonly actionSpace = new Box(-2, 2, [1]);
  private t = 0;

  protected resetEpisode(): [Float64Array, Info] {
    this.t = 2 * this.rng.uniform() - 1;
    return [Float64Array.of(this.t), {}];
  }

  protected stepEpisode(action: Float64Array): StepResult<Float64Array> {
    return [Float64Array.of(this.t), -((action[0]! - this.t) ** 2), true, false, {}];
  }
}
