// Action masking for Discrete action spaces: after every reset and step, info.actionMask holds a
// Uint8Array with 1 for each action allowed in the new state (index i is action start + i), and
// stepping with a masked action is an error rather than a silent no-op, so an agent that ignores
// the mask is caught at once (MaskablePPO's contract in sb3-contrib).
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';
import { Discrete } from '../discrete';
import type { Rng } from '../../../util/random';
import type { Env, Info, ResetOptions, StepResult } from '../types';
import { Wrapper } from '../wrapper';

/** An environment that knows which of its Discrete actions are allowed in its current state. */
export interface MaskableEnv {
  actionMask(): Uint8Array;
}

export interface ActionMaskingOptions<Obs> {
  /** The allowed actions in the current state; default: the unwrapped environment's actionMask(). */
  readonly mask?: (env: Env<Obs, number>) => Uint8Array;
}

export class ActionMasking<Obs = Float64Array> extends Wrapper<Obs, number> {
  private readonly maskOf: (env: Env<Obs, number>) => Uint8Array;
  private current: Uint8Array | undefined;

  constructor(env: Env<Obs, number>, options: ActionMaskingOptions<Obs> = {}) {
    super(env);
    rejectUnknownOptions('options', options, ['mask']);
    if (!(env.actionSpace instanceof Discrete)) throw new InvalidArgumentError('env.actionSpace', env.actionSpace?.kind, 'must be Discrete for ActionMasking', 'mask only environments with Discrete actions');
    if (options.mask !== undefined) {
      if (typeof options.mask !== 'function') throw new InvalidArgumentError('options.mask', options.mask, 'must be a function (env) => Uint8Array', 'pass e.g. (env) => Uint8Array.of(1, 1, 0)');
      this.maskOf = options.mask;
    } else {
      const target = this.unwrapped as Partial<MaskableEnv>;
      if (typeof target.actionMask !== 'function') {
        throw new InvalidArgumentError('options.mask', undefined, `is needed: ${target.constructor?.name ?? 'the environment'} has no actionMask() method`, 'pass { mask: (env) => Uint8Array } or give the environment an actionMask() method');
      }
      this.maskOf = () => (target as MaskableEnv).actionMask();
    }
  }

  /** The mask of the current state (a copy). */
  actionMask(): Uint8Array {
    if (this.current === undefined) throw new InvalidArgumentError('actionMask', undefined, 'does not exist before the first reset()', 'call reset() first');
    return this.current.slice();
  }

  protected wrapReset(options: ResetOptions): [Obs, Info] {
    const [obs, info] = this.env.reset(options);
    return [obs, this.withMask(info)];
  }

  protected wrapStep(action: number): StepResult<Obs> {
    const space = this.actionSpace as Discrete;
    const i = action - space.start;
    if (space.contains(action) && this.current![i] !== 1) {
      throw new InvalidArgumentError('action', action, `is masked out in this state (info.actionMask = [${Array.from(this.current!).join(', ')}])`,
        'choose an action whose info.actionMask entry is 1 (e.g. sampleMasked(info.actionMask, rng))');
    }
    const out = this.env.step(action);
    out[4] = this.withMask(out[4]);
    return out;
  }

  private withMask(info: Info): Info {
    const n = (this.actionSpace as Discrete).n;
    const mask = this.maskOf(this.env);
    if (!(mask instanceof Uint8Array) || mask.length !== n || !mask.every((m) => m === 0 || m === 1) || !mask.includes(1)) {
      throw new InvalidArgumentError('actionMask', mask, `must be a Uint8Array of ${n} zeros and ones with at least one 1`, 'return one entry per action: 1 allowed, 0 masked');
    }
    this.current = mask.slice();
    return { ...info, actionMask: mask.slice() };
  }
}

/** A uniformly random allowed action: start + an index whose mask entry is 1. */
export function sampleMasked(mask: Uint8Array, rng: Rng, start = 0): number {
  let allowed = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) allowed++;
  if (allowed === 0) throw new InvalidArgumentError('mask', mask, 'allows no action', 'pass a mask with at least one 1');
  let k = rng.int(allowed);
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && k-- === 0) return start + i;
  return start; // unreachable
}
