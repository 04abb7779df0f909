// Several environments stepped one after another in this thread, presented as one batch. An
// environment whose episode ends is reset in the same step (stable-baselines3's VecEnv rule, not
// Gymnasium 1.x's next-step reset): the returned observation starts the new episode and
// info.finalObservation / info.finalInfo keep the last one, so a learner can bootstrap a
// truncated episode from its true final state.
import { InvalidArgumentError } from '../../util/errors';
import { checkResetOptions, EpisodeGuard } from './env';
import { describeSpace, spacesEqual } from './space-json';
import type { Env, Info, ResetOptions, Space, VectorEnv } from './types';

export class SyncVectorEnv<Obs = Float64Array, Act = number> implements VectorEnv<Obs, Act> {
  readonly numEnvs: number;
  readonly envs: readonly Env<Obs, Act>[];
  readonly singleObservationSpace: Space<Obs>;
  readonly singleActionSpace: Space<Act>;
  private closed = false;
  private readonly guard = new EpisodeGuard('SyncVectorEnv');

  /** `envFns` build the environments (Gymnasium's thunks), so none is shared by accident. */
  constructor(envFns: readonly (() => Env<Obs, Act>)[]) {
    if (!Array.isArray(envFns) || envFns.length === 0) throw new InvalidArgumentError('envFns', envFns, 'must be a non-empty array of functions that build an environment', 'pass e.g. Array.from({ length: 8 }, () => () => makeCartPole())');
    const envs = envFns.map((fn, i) => {
      if (typeof fn !== 'function') throw new InvalidArgumentError(`envFns[${i}]`, fn, 'is not a function', 'pass () => new MyEnv(...), not the environment itself');
      return fn();
    });
    const first = envs[0]!;
    envs.forEach((env, i) => {
      if (envs.indexOf(env) !== i) throw new InvalidArgumentError(`envFns[${i}]`, 'the same object', `returned the environment envFns[${envs.indexOf(env)}] returned`, 'build a new environment in each function');
      if (!spacesEqual(env.observationSpace, first.observationSpace)) throw new InvalidArgumentError(`envFns[${i}]`, describeSpace(env.observationSpace), `built an observation space unlike envFns[0]'s ${describeSpace(first.observationSpace)}`, 'vectorize copies of one environment configuration');
      if (!spacesEqual(env.actionSpace, first.actionSpace)) throw new InvalidArgumentError(`envFns[${i}]`, describeSpace(env.actionSpace), `built an action space unlike envFns[0]'s ${describeSpace(first.actionSpace)}`, 'vectorize copies of one environment configuration');
    });
    this.envs = envs;
    this.numEnvs = envs.length;
    this.singleObservationSpace = first.observationSpace;
    this.singleActionSpace = first.actionSpace;
  }

  /** A seed resets environment i with seed + i (Gymnasium's rule). */
  reset(options?: ResetOptions): [Obs[], Info[]] {
    const o = checkResetOptions(options);
    this.guard.beforeReset();
    const obs: Obs[] = new Array(this.numEnvs);
    const infos: Info[] = new Array(this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      const each: ResetOptions = { ...(o.seed !== undefined ? { seed: o.seed + i } : {}), ...(o.options !== undefined ? { options: o.options } : {}) };
      [obs[i], infos[i]] = this.envs[i]!.reset(each);
    }
    this.guard.afterReset();
    return [obs, infos];
  }

  step(actions: readonly Act[]): [Obs[], Float64Array, boolean[], boolean[], Info[]] {
    this.guard.beforeStep();
    if (!Array.isArray(actions) || actions.length !== this.numEnvs) {
      throw new InvalidArgumentError('actions', actions, `must be an array of ${this.numEnvs} actions (one per environment)`, 'pass one action per sub-environment, in order');
    }
    const n = this.numEnvs;
    const obs: Obs[] = new Array(n);
    const rewards = new Float64Array(n);
    const terminated: boolean[] = new Array(n);
    const truncated: boolean[] = new Array(n);
    const infos: Info[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const env = this.envs[i]!;
      const [o, r, term, trunc, info] = env.step(actions[i]!);
      rewards[i] = r;
      terminated[i] = term;
      truncated[i] = trunc;
      if (term || trunc) {
        const [first, firstInfo] = env.reset();
        obs[i] = first;
        infos[i] = { ...firstInfo, finalObservation: o, finalInfo: info };
      } else {
        obs[i] = o;
        infos[i] = info;
      }
    }
    return [obs, rewards, terminated, truncated, infos];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.guard.close();
    for (const env of this.envs) env.close();
  }
}
