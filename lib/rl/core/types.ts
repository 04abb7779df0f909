// The Gymnasium contract in TypeScript: an environment declares its observation and action spaces,
// owns its random generator, and is driven by reset() then step() until an episode terminates
// (a terminal state of the task) or is truncated (a time limit or the data running out).
// Observations of Box spaces are Float64Array; Discrete actions are integers; MultiDiscrete
// actions are Int32Array. Everything an agent needs to know about an environment is here.
import type { Rng } from '../../util/random';

export type Info = Record<string, unknown>;

export interface Space<T> {
  /** 'discrete' | 'box' | 'multiDiscrete' */
  readonly kind: string;
  /** Shape of one element (Discrete: []). */
  readonly shape: readonly number[];
  contains(x: unknown): x is T;
  /** A uniformly random element, from `rng` or the space's own seeded generator. */
  sample(rng?: Rng): T;
  /** Re-seeds the space's own generator (Gymnasium's space.seed). */
  seed(seed: number): void;
  toJSON(): SpaceJSON;
}

export type SpaceJSON =
  | { readonly kind: 'discrete'; readonly n: number; readonly start: number }
  | { readonly kind: 'box'; readonly low: number[]; readonly high: number[]; readonly shape: number[] }
  | { readonly kind: 'multiDiscrete'; readonly nvec: number[] };

export interface ResetOptions {
  /** Re-seeds the environment's generator (only when given, as in Gymnasium). */
  readonly seed?: number;
  /** Environment-specific reset options. */
  readonly options?: Record<string, unknown>;
}

/** [observation, reward, terminated, truncated, info] */
export type StepResult<Obs> = [Obs, number, boolean, boolean, Info];

export interface Env<Obs = Float64Array, Act = number> {
  readonly observationSpace: Space<Obs>;
  readonly actionSpace: Space<Act>;
  /** Gymnasium's metadata (render modes, fps ...), plain JSON. */
  readonly metadata: Readonly<Record<string, unknown>>;
  reset(options?: ResetOptions): [Obs, Info];
  /** Throws when called before the first reset or after the episode ended without a reset. */
  step(action: Act): StepResult<Obs>;
  close(): void;
}

/** Synchronous vectorized environments: arrays of per-environment results, auto-reset on episode end. */
export interface VectorEnv<Obs = Float64Array, Act = number> {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<Obs>;
  readonly singleActionSpace: Space<Act>;
  reset(options?: ResetOptions): [Obs[], Info[]];
  /**
   * Steps every environment. When one ends, it is reset at once (Gymnasium's next-step auto-reset
   * is NOT used: same-step reset as SB3's VecEnv): its returned observation is the first of the
   * new episode and info.finalObservation / info.finalInfo hold the last one.
   */
  step(actions: readonly Act[]): [Obs[], Float64Array, boolean[], boolean[], Info[]];
  close(): void;
}
