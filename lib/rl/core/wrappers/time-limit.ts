// Truncates an episode after a number of steps (Gymnasium's TimeLimit, which gym.make adds from
// an environment's registered max_episode_steps). A step that also terminates is reported with
// both flags set, as in Gymnasium.
import { InvalidArgumentError } from '../../../util/errors';
import type { Env, Info, ResetOptions, StepResult } from '../types';
import { Wrapper } from '../wrapper';

export class TimeLimit<Obs = Float64Array, Act = number> extends Wrapper<Obs, Act> {
  private elapsed = 0;

  constructor(env: Env<Obs, Act>, readonly maxEpisodeSteps: number) {
    super(env);
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps < 1) {
      throw new InvalidArgumentError('maxEpisodeSteps', maxEpisodeSteps, 'must be a whole number >= 1', 'pass the episode length limit, e.g. 500');
    }
  }

  /** Steps taken in the current episode. */
  get elapsedSteps(): number {
    return this.elapsed;
  }

  protected wrapReset(options: ResetOptions): [Obs, Info] {
    this.elapsed = 0;
    return this.env.reset(options);
  }

  protected wrapStep(action: Act): StepResult<Obs> {
    const out = this.env.step(action);
    this.elapsed++;
    if (this.elapsed >= this.maxEpisodeSteps) out[3] = true;
    return out;
  }
}
