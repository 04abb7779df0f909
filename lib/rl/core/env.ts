// The base class of every environment: it owns the generator (re-seeded only by reset({ seed }),
// as in Gymnasium), checks reset options and actions at the boundary, and refuses to step an
// episode that is not running, so a training loop that forgets a reset fails at once instead
// of learning from a stale state. Subclasses write resetEpisode and stepEpisode.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng, type Rng } from '../../util/random';
import { EnvStateError } from './errors';
import { describeSpace } from './space-json';
import type { Env, Info, ResetOptions, Space, StepResult } from './types';

/** The generator an environment uses until reset({ seed }) re-seeds it (no global random state). */
export const DEFAULT_ENV_SEED = 0;

export const DEFAULT_METADATA: Readonly<Record<string, unknown>> = Object.freeze({ renderModes: [] });

type Phase = 'new' | 'running' | 'ended' | 'closed';

/** Tracks whether an episode is running; shared by environments, wrappers and vector environments. */
export class EpisodeGuard {
  private phase: Phase = 'new';

  constructor(private readonly name: string) {}

  get running(): boolean {
    return this.phase === 'running';
  }

  beforeReset(): void {
    if (this.phase === 'closed') throw new EnvStateError(this.name, 'reset() was called after close()', 'build a new environment; a closed one holds no resources');
  }

  afterReset(): void {
    this.phase = 'running';
  }

  beforeStep(): void {
    if (this.phase === 'running') return;
    const [problem, fix] = {
      new: ['step() was called before the first reset()', 'call env.reset() (optionally with { seed }) first'],
      ended: ['step() was called after the episode ended (terminated or truncated) without a reset()', 'call env.reset() when step() returns terminated or truncated = true'],
      closed: ['step() was called after close()', 'build a new environment'],
    }[this.phase as Exclude<Phase, 'running'>];
    throw new EnvStateError(this.name, problem!, fix!);
  }

  afterStep(terminated: boolean, truncated: boolean): void {
    if (terminated || truncated) this.phase = 'ended';
  }

  close(): void {
    this.phase = 'closed';
  }
}

/** Checks reset({ seed, options }) at the boundary. */
export function checkResetOptions(options: ResetOptions | undefined): ResetOptions {
  if (options === undefined) return {};
  rejectUnknownOptions('options', options, ['seed', 'options']);
  const seed = options.seed;
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
    throw new InvalidArgumentError('options.seed', seed, 'must be a non-negative safe integer', 'pass e.g. reset({ seed: 42 }), or leave it out to continue the current stream');
  }
  const inner = options.options;
  if (inner !== undefined && (inner === null || typeof inner !== 'object' || Array.isArray(inner))) {
    throw new InvalidArgumentError('options.options', inner, 'must be an object of environment-specific reset options', 'pass e.g. { options: { ... } } or leave it out');
  }
  return options;
}

export abstract class BaseEnv<Obs = Float64Array, Act = number> implements Env<Obs, Act> {
  abstract readonly observationSpace: Space<Obs>;
  abstract readonly actionSpace: Space<Act>;
  readonly metadata: Readonly<Record<string, unknown>> = DEFAULT_METADATA;
  /** The environment's generator: every random draw of an episode comes from here. */
  protected rng: Rng = createRng(DEFAULT_ENV_SEED);
  private readonly guard = new EpisodeGuard(this.constructor.name);

  reset(options?: ResetOptions): [Obs, Info] {
    const o = checkResetOptions(options);
    this.guard.beforeReset();
    if (o.seed !== undefined) this.rng = createRng(o.seed);
    const out = this.resetEpisode(o.options);
    this.guard.afterReset();
    return out;
  }

  step(action: Act): StepResult<Obs> {
    this.guard.beforeStep();
    if (!this.actionSpace.contains(action)) {
      throw new InvalidArgumentError('action', action, `is not an element of the action space ${describeSpace(this.actionSpace)}`,
        `pass ${actionHint(this.actionSpace)} (env.actionSpace.sample() gives one)`);
    }
    const out = this.stepEpisode(action);
    this.guard.afterStep(out[2], out[3]);
    return out;
  }

  close(): void {
    this.guard.close();
  }

  /** The environment itself (a wrapper's unwrapped walks down to here), as in Gymnasium. */
  get unwrapped(): this {
    return this;
  }

  /** Starts an episode from this.rng; `options` are the environment-specific reset options. */
  protected abstract resetEpisode(options: Readonly<Record<string, unknown>> | undefined): [Obs, Info];
  /** Advances the running episode by one valid action. */
  protected abstract stepEpisode(action: Act): StepResult<Obs>;
}

/** What a valid action of `space` looks like, for error messages. */
export function actionHint(space: Space<unknown>): string {
  const j = space.toJSON();
  if (j.kind === 'discrete') return `an integer from ${j.start} to ${j.start + j.n - 1}`;
  if (j.kind === 'box') return `a Float64Array of ${j.shape.reduce((a, b) => a * b, 1)} numbers within the space's low/high (clip it to the bounds)`;
  return `an Int32Array of ${j.nvec.length} integers, element i in [0, nvec[i]) with nvec = [${j.nvec.join(', ')}]`;
}
