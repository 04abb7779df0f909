// Adam as torch.optim.Adam steps it (stable-baselines3's optimizer), over one flat Float32Array of
// parameters updated in place, with torch.nn.utils.clip_grad_norm_ before it. The moments are kept
// in double precision; the learning rate may change between steps (PPO's linear schedule).
import { InvalidArgumentError } from '../../util/errors';

export class FlatAdam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    readonly params: Float32Array,
    readonly epsilon: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }

  get steps(): number {
    return this.t;
  }

  /** One update with `grads` (not modified) at `learningRate`. */
  step(grads: Float64Array, learningRate: number): void {
    if (grads.length !== this.params.length) throw new InvalidArgumentError('grads', grads, `must hold ${this.params.length} values`, 'pass one gradient per parameter');
    this.t++;
    const { m, v, params, beta1: b1, beta2: b2, epsilon } = this;
    const stepSize = learningRate / (1 - b1 ** this.t);
    const correction2 = Math.sqrt(1 - b2 ** this.t);
    for (let i = 0; i < params.length; i++) {
      const g = grads[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      params[i] = params[i]! - (stepSize * m[i]!) / (Math.sqrt(v[i]!) / correction2 + epsilon);
    }
  }
}

/**
 * Scales `grads` in place so their global L2 norm is at most `maxNorm`, with
 * torch.nn.utils.clip_grad_norm_'s factor maxNorm / (norm + 1e-6); returns the norm before clipping.
 */
export function clipGradNorm(grads: Float64Array, maxNorm: number): number {
  let ss = 0;
  for (let i = 0; i < grads.length; i++) ss += grads[i]! * grads[i]!;
  const norm = Math.sqrt(ss);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * coef;
  return norm;
}
