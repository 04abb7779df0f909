// What PPO and DQN share: the spaces an agent acts in, schedules, the adapter that runs a single
// environment as a batch of one, observation batching and the episode statistics of training.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { SyncVectorEnv } from '../core/sync-vector-env';
import type { Env, Space, SpaceJSON, VectorEnv } from '../core/types';

/** The environment shapes an agent accepts: one environment or a vector of them, Box observations. */
export type AgentEnv = Env<Float64Array, number> | Env<Float64Array, Float64Array> | VectorEnv<Float64Array, number> | VectorEnv<Float64Array, Float64Array>;

/** What an agent is built for: an Env satisfies it as it is. */
export interface AgentSpaces {
  readonly observationSpace: Space<Float64Array>;
  readonly actionSpace: Space<number> | Space<Float64Array>;
}

/** A constant, or a value moving linearly from `start` (training begins) to `end` (it ends; default 0). */
export type Schedule = number | { readonly kind: 'linear'; readonly start: number; readonly end?: number };

/** The value of `schedule` when `progressRemaining` (1 at the start, 0 at the end) of training is left. */
export function scheduleValue(schedule: Schedule, progressRemaining: number): number {
  if (typeof schedule === 'number') return schedule;
  const end = schedule.end ?? 0;
  return end + (schedule.start - end) * progressRemaining;
}

export function checkSchedule(argument: string, schedule: unknown, positive: boolean): Schedule {
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && (positive ? v > 0 : v >= 0);
  if (ok(schedule)) return schedule as number;
  const s = schedule as { kind?: unknown; start?: unknown; end?: unknown } | null;
  if (s && typeof s === 'object' && s.kind === 'linear' && ok(s.start) && (s.end === undefined || (typeof s.end === 'number' && Number.isFinite(s.end) && s.end >= 0))) {
    const keys = Object.keys(s).filter((k) => !['kind', 'start', 'end'].includes(k));
    if (keys.length === 0) return { kind: 'linear', start: s.start as number, ...(s.end !== undefined ? { end: s.end as number } : {}) };
  }
  throw new InvalidArgumentError(argument, schedule, `must be a ${positive ? 'positive' : 'non-negative'} number or { kind: 'linear', start, end? }`, `pass e.g. 3e-4 or { kind: 'linear', start: 1e-3 } (decays to 0)`);
}

export interface ResolvedSpaces {
  readonly observationSize: number;
  readonly observation: SpaceJSON & { kind: 'box' };
  readonly action: SpaceJSON & ({ kind: 'discrete' } | { kind: 'box' });
}

/** Reads the spaces an agent needs: a Box observation, a Discrete (or, when allowed, Box) action. */
export function resolveSpaces(spaces: AgentSpaces, allowBoxActions: boolean): ResolvedSpaces {
  const obs = spaces?.observationSpace?.toJSON?.();
  if (!obs || obs.kind !== 'box') {
    throw new InvalidArgumentError('env.observationSpace', obs ?? spaces?.observationSpace, 'must be a Box space', 'flatten or wrap the observations into a Box (Float64Array observations)');
  }
  const act = spaces.actionSpace?.toJSON?.();
  if (!act || !(act.kind === 'discrete' || (allowBoxActions && act.kind === 'box'))) {
    throw new InvalidArgumentError('env.actionSpace', act ?? spaces.actionSpace, `must be a Discrete${allowBoxActions ? ' or Box' : ''} space`, allowBoxActions ? 'use Discrete or Box actions (MultiDiscrete is not supported)' : 'use PPO for Box actions, or discretize them');
  }
  if (act.kind === 'box' && act.low.concat(act.high).some((v) => !Number.isFinite(v))) {
    throw new InvalidArgumentError('env.actionSpace', act, 'must have finite low and high bounds', 'bound the action space: actions are clipped to it');
  }
  return { observationSize: obs.shape.reduce((a, b) => a * b, 1), observation: obs, action: act as ResolvedSpaces['action'] };
}

/** Checks learn()'s options; returns totalTimesteps. `callback` names the optional hook option. */
export function checkLearnOptions(options: object, allowed: readonly string[], callback: string): number {
  rejectUnknownOptions('options', options, allowed);
  const o = options as Record<string, unknown> | undefined;
  const total = o?.totalTimesteps;
  if (!Number.isSafeInteger(total) || (total as number) < 1) throw new InvalidArgumentError('options.totalTimesteps', total, 'must be a whole number >= 1', 'pass e.g. { totalTimesteps: 100_000 }');
  if (o![callback] !== undefined && typeof o![callback] !== 'function') throw new InvalidArgumentError(`options.${callback}`, o![callback], 'must be a function', 'pass (stats) => { ... } or leave it out');
  return total as number;
}

/** Throws unless `env` has the spaces an agent was built for. */
export function checkEnvMatches(expected: ResolvedSpaces, env: AgentEnv, allowBoxActions: boolean): void {
  const s = resolveSpaces(spacesOf(env), allowBoxActions);
  if (JSON.stringify(s) !== JSON.stringify(expected)) {
    throw new InvalidArgumentError('env', `observation ${JSON.stringify(s.observation)}, action ${JSON.stringify(s.action)}`,
      'has spaces unlike the ones the agent was built for', 'train on environments of the configuration the agent was created with');
  }
}

/** The spaces of an environment or a vector of them. */
export function spacesOf(env: AgentEnv): AgentSpaces {
  return isVectorEnv(env) ? { observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace as Space<number> } : env;
}

export function isVectorEnv(env: AgentEnv): env is VectorEnv<Float64Array, number> | VectorEnv<Float64Array, Float64Array> {
  return typeof (env as VectorEnv).numEnvs === 'number';
}

/** A vector of environments: the given one, or a single environment stepped as a batch of one. */
export function asVectorEnv(env: AgentEnv): VectorEnv<Float64Array, unknown> {
  if (env === null || typeof env !== 'object' || typeof env.reset !== 'function' || typeof env.step !== 'function') {
    throw new InvalidArgumentError('env', env, 'must be an Env or a VectorEnv', 'pass e.g. makeCartPole() or new SyncVectorEnv([...])');
  }
  if (isVectorEnv(env)) return env as VectorEnv<Float64Array, unknown>;
  return new SyncVectorEnv<Float64Array, unknown>([() => env as Env<Float64Array, unknown>]);
}

/** Copies observations into rows of a float32 batch, checking their size. */
export function batchObservations(obs: readonly Float64Array[], size: number, out: Float32Array = new Float32Array(obs.length * size)): Float32Array {
  for (let e = 0; e < obs.length; e++) {
    const o = obs[e];
    if (!(o instanceof Float64Array) || o.length !== size) {
      throw new InvalidArgumentError(`observation[${e}]`, o, `must be a Float64Array of ${size} values (the observation space's size)`, 'check the environment returns observations of its declared Box shape');
    }
    out.set(o, e * size);
  }
  return out;
}

/** Returns and lengths of finished training episodes, the last `capacity` kept (SB3's ep_info_buffer). */
export class EpisodeTracker {
  private readonly returns: number[] = [];
  private readonly lengths: number[] = [];
  private running: Float64Array;
  private steps: Float64Array;
  completed = 0;

  constructor(numEnvs: number, private readonly capacity = 100) {
    this.running = new Float64Array(numEnvs);
    this.steps = new Float64Array(numEnvs);
  }

  record(env: number, reward: number, done: boolean): void {
    this.running[env] = this.running[env]! + reward;
    this.steps[env] = this.steps[env]! + 1;
    if (!done) return;
    this.returns.push(this.running[env]!);
    this.lengths.push(this.steps[env]!);
    if (this.returns.length > this.capacity) { this.returns.shift(); this.lengths.shift(); }
    this.running[env] = 0; this.steps[env] = 0;
    this.completed++;
  }

  /** Mean return and length of the kept episodes (NaN before the first one ends). */
  means(): { episodeReturnMean: number; episodeLengthMean: number } {
    const mean = (a: number[]) => (a.length === 0 ? Number.NaN : a.reduce((s, v) => s + v, 0) / a.length);
    return { episodeReturnMean: mean(this.returns), episodeLengthMean: mean(this.lengths) };
  }
}

export function positiveInteger(argument: string, value: unknown, example: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new InvalidArgumentError(argument, value, 'must be a whole number >= 1', `pass e.g. ${example}`);
  return value as number;
}

export function numberIn(argument: string, value: unknown, lo: number, hi: number, example: string, openLow = false): number {
  const v = value as number;
  if (typeof value !== 'number' || !Number.isFinite(v) || v > hi || (openLow ? v <= lo : v < lo)) {
    throw new InvalidArgumentError(argument, value, `must be a number in ${openLow ? '(' : '['}${lo}, ${hi}]`, `pass e.g. ${example}`);
  }
  return v;
}
