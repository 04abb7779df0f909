// Observation and reward normalisation by running statistics, as Gymnasium's NormalizeObservation
// and NormalizeReward (epsilon 1e-8; rewards scaled by the std of a discounted return, gamma
// 0.99, not centred). Set `update = false` to freeze the statistics (evaluation), and carry them
// from a training environment to an evaluation one with toJSON / the `stats` option.
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';
import { Box } from '../box';
import type { Env, Info, ResetOptions, StepResult } from '../types';
import { Wrapper } from '../wrapper';
import { RunningMeanStd, type RunningMeanStdJSON } from './running-mean-std';

export const DEFAULT_NORMALIZE_EPSILON = 1e-8;
export const DEFAULT_REWARD_GAMMA = 0.99;

export interface NormalizeObservationOptions {
  readonly epsilon?: number;
  /** Statistics to start from (a training environment's, saved with toJSON). */
  readonly stats?: RunningMeanStdJSON;
}

export class NormalizeObservation<Act = number> extends Wrapper<Float64Array, Act> {
  readonly rms: RunningMeanStd;
  readonly epsilon: number;
  /** False freezes the statistics: observations are still scaled, the statistics no longer move. */
  update = true;

  constructor(env: Env<Float64Array, Act>, options: NormalizeObservationOptions = {}) {
    const inner = requireBox(env, 'NormalizeObservation');
    super(env, new Box(-Infinity, Infinity, inner.shape));
    rejectUnknownOptions('options', options, ['epsilon', 'stats']);
    this.epsilon = checkEpsilon(options.epsilon ?? DEFAULT_NORMALIZE_EPSILON);
    this.rms = options.stats === undefined ? new RunningMeanStd(inner.size) : RunningMeanStd.fromJSON(options.stats, 'options.stats');
    if (this.rms.size !== inner.size) throw new InvalidArgumentError('options.stats', options.stats, `holds ${this.rms.size} elements, the observations ${inner.size}`, 'pass statistics saved from an environment with the same observation space');
  }

  protected wrapReset(options: ResetOptions): [Float64Array, Info] {
    const [obs, info] = this.env.reset(options);
    return [this.normalize(obs), info];
  }

  protected wrapStep(action: Act): StepResult<Float64Array> {
    const out = this.env.step(action);
    out[0] = this.normalize(out[0]);
    return out;
  }

  private normalize(obs: Float64Array): Float64Array {
    if (this.update) this.rms.update(obs);
    const out = new Float64Array(obs.length);
    const { mean, var: v } = this.rms;
    for (let i = 0; i < out.length; i++) out[i] = (obs[i]! - mean[i]!) / Math.sqrt(v[i]! + this.epsilon);
    return out;
  }
}

export interface NormalizeRewardOptions {
  readonly gamma?: number;
  readonly epsilon?: number;
  readonly stats?: RunningMeanStdJSON;
}

export class NormalizeReward<Obs = Float64Array, Act = number> extends Wrapper<Obs, Act> {
  readonly rms: RunningMeanStd;
  readonly gamma: number;
  readonly epsilon: number;
  update = true;
  /**
   * Gymnasium's accumulator: gamma × itself × (1 − terminated) + reward. It is not cleared by
   * reset() nor by truncation, exactly as in Gymnasium (kept for comparability).
   */
  private discounted = 0;

  constructor(env: Env<Obs, Act>, options: NormalizeRewardOptions = {}) {
    super(env);
    rejectUnknownOptions('options', options, ['gamma', 'epsilon', 'stats']);
    const gamma = options.gamma ?? DEFAULT_REWARD_GAMMA;
    if (typeof gamma !== 'number' || !(gamma >= 0 && gamma <= 1)) throw new InvalidArgumentError('options.gamma', gamma, 'must be in [0, 1]', 'pass the discount factor of the agent, e.g. 0.99');
    this.gamma = gamma;
    this.epsilon = checkEpsilon(options.epsilon ?? DEFAULT_NORMALIZE_EPSILON);
    this.rms = options.stats === undefined ? new RunningMeanStd(1) : RunningMeanStd.fromJSON(options.stats, 'options.stats');
  }

  protected wrapReset(options: ResetOptions): [Obs, Info] {
    return this.env.reset(options);
  }

  protected wrapStep(action: Act): StepResult<Obs> {
    const out = this.env.step(action);
    const reward = out[1];
    this.discounted = this.discounted * this.gamma * (out[2] ? 0 : 1) + reward;
    if (this.update) this.rms.update([this.discounted]);
    out[1] = reward / Math.sqrt(this.rms.var[0]! + this.epsilon);
    return out;
  }
}

export function requireBox(env: Env<unknown, unknown>, wrapper: string): Box {
  if (env === null || typeof env !== 'object' || typeof env.step !== 'function') {
    throw new InvalidArgumentError('env', env, 'is not an environment', 'pass an object with observationSpace, actionSpace, reset() and step()');
  }
  const space = env.observationSpace;
  if (!(space instanceof Box)) throw new InvalidArgumentError('env.observationSpace', space?.kind, `must be a Box for ${wrapper}`, 'wrap an environment with Box (Float64Array) observations');
  return space;
}

function checkEpsilon(epsilon: unknown): number {
  if (typeof epsilon !== 'number' || !(epsilon > 0) || epsilon === Infinity) throw new InvalidArgumentError('options.epsilon', epsilon, 'must be a finite number > 0', 'pass e.g. 1e-8');
  return epsilon;
}
