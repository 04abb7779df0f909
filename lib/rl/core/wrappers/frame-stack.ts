// Stacks the last k observations into one Box of shape [k, ...inner shape], oldest first
// (Gymnasium's FrameStackObservation). Before k observations exist the stack is padded with the
// reset observation ('reset', Gymnasium's default) or zeros ('zero', clipped into the space's
// bounds as Gymnasium's create_zero_array does, so padded stacks stay inside the space).
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';
import { Box } from '../box';
import type { Env, Info, ResetOptions, StepResult } from '../types';
import { Wrapper } from '../wrapper';
import { requireBox } from './normalize';

export type FramePadding = 'reset' | 'zero';
export const DEFAULT_FRAME_PADDING: FramePadding = 'reset';

export interface FrameStackOptions { readonly padding?: FramePadding }

export class FrameStack<Act = number> extends Wrapper<Float64Array, Act> {
  readonly padding: FramePadding;
  private readonly frame: number;
  /** Ring of the last k observations; `head` is the slot the next one goes into. */
  private readonly frames: Float64Array[];
  private readonly zero: Float64Array;
  private head = 0;

  constructor(env: Env<Float64Array, Act>, readonly stackSize: number, options: FrameStackOptions = {}) {
    const inner = requireBox(env, 'FrameStack');
    if (!Number.isSafeInteger(stackSize) || stackSize < 1) throw new InvalidArgumentError('stackSize', stackSize, 'must be a whole number >= 1', 'pass the number of observations to stack, e.g. 4');
    const tile = (x: Float64Array): Float64Array => {
      const out = new Float64Array(x.length * stackSize);
      for (let k = 0; k < stackSize; k++) out.set(x, k * x.length);
      return out;
    };
    super(env, new Box(tile(inner.low), tile(inner.high), [stackSize, ...inner.shape]));
    rejectUnknownOptions('options', options, ['padding']);
    const padding = options.padding ?? DEFAULT_FRAME_PADDING;
    if (padding !== 'reset' && padding !== 'zero') throw new InvalidArgumentError('options.padding', padding, "must be 'reset' or 'zero'", "pass 'reset' to repeat the first observation");
    this.padding = padding;
    this.frame = inner.size;
    this.frames = Array.from({ length: stackSize }, () => new Float64Array(inner.size));
    this.zero = Float64Array.from(inner.low, (lo, i) => Math.min(Math.max(0, lo), inner.high[i]!));
  }

  protected wrapReset(options: ResetOptions): [Float64Array, Info] {
    const [obs, info] = this.env.reset(options);
    for (const f of this.frames) {
      if (this.padding === 'reset') f.set(obs);
      else f.set(this.zero);
    }
    this.head = 0;
    this.push(obs);
    return [this.stacked(), info];
  }

  protected wrapStep(action: Act): StepResult<Float64Array> {
    const out = this.env.step(action);
    this.push(out[0]);
    out[0] = this.stacked();
    return out;
  }

  private push(obs: Float64Array): void {
    this.frames[this.head]!.set(obs);
    this.head = (this.head + 1) % this.stackSize;
  }

  /** A fresh array, oldest frame first. */
  private stacked(): Float64Array {
    const out = new Float64Array(this.frame * this.stackSize);
    for (let k = 0; k < this.stackSize; k++) out.set(this.frames[(this.head + k) % this.stackSize]!, k * this.frame);
    return out;
  }
}
