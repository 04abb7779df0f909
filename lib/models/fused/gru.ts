// A whole GRU sequence as one differentiable tfjs op: TensorFlow's fused GRUBlockCell per time
// step forward, GRUBlockCellGrad per step backward, and the weight gradients of all steps in two
// matMuls. The tfjs-layers GRU dispatches some thirty kernels per step and records each on the
// tape; here a step is one kernel call, which is what makes training fast at small sizes.
import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-node';
import { getTf } from '../../util/tf';
import * as nat from './native-ops';

/**
 * GRU weights in the layout of TensorFlow's GRUBlockCell (reset-before variant), both kernels in
 * one matrix so an optimizer sees two variables, not four:
 * r, u = sigmoid([x, h] w[:, :2H] + b[:2H]), c = tanh([x, r * h] w[:, 2H:] + b[2H:]),
 * h' = u * h + (1 - u) * c.
 */
export interface FusedGruWeights {
  /** [features + units, 3 * units]: input rows then recurrent rows; columns reset, update, candidate. */
  readonly w: Tensor2D;
  /** [3 * units]: reset, update, candidate. */
  readonly b: Tensor1D;
}

/** What fusedGru returns: the last hidden state [batch, units], or all of them [batch, time, units]. */
export type GruOutput = 'last' | 'sequence';

type GradFunc = (dy: Tensor, saved: Tensor[]) => Tensor[];
type Saver = (tensors: Tensor[]) => void;

/**
 * Runs a GRU over x [batch, time, features] from a zero state. Matches tf.layers.gru with
 * recurrentActivation 'sigmoid', activation 'tanh', resetAfter false (the tfjs-layers GRU), once
 * its weights are mapped by gruWeightsFromLayers. Gradients flow to x, w and b. Outside a
 * gradient tape (prediction) it runs the same kernels without keeping anything for a backward
 * pass, so the output is the same to the bit.
 */
export function fusedGru(x: Tensor3D, weights: FusedGruWeights, output: GruOutput = 'last'): Tensor {
  nat.requireNativeBackend();
  if (!nat.isRecordingGradients()) return gruInference(x, weights.w, weights.b, output);
  const tf = getTf();
  const op = tf.customGrad(((xIn: Tensor, w: Tensor, b: Tensor, save: Saver) => {
    const units = b.shape[0]! / 3;
    const [wRu, wC] = nat.splitSizes(w, [2 * units, units], 1) as [Tensor, Tensor];
    const [bRu, bC] = nat.splitSizes(b, [2 * units, units], 0) as [Tensor, Tensor];
    const forward = gruForward(xIn, wRu, wC, bRu, bC, output);
    save([xIn, wRu, wC, bRu, bC, ...forward.saved]);
    return { value: forward.value, gradFunc: ((dy, saved) => gruBackward(dy, saved, output)) as GradFunc };
  }) as never) as unknown as (...inputs: Tensor[]) => Tensor;
  return op(x, weights.w, weights.b);
}

interface Forward { value: Tensor; saved: Tensor[] }

// Prediction: the step kernels of gruForward, each step's gates freed as soon as the next state
// exists. Skipping the four saved [steps * batch, units] copies and the customGrad bookkeeping
// is about a fifth of the time at batch 1,024; freeing early lets TensorFlow's allocator hand the
// same buffers back every step instead of touching fresh memory.
function gruInference(x: Tensor, w: Tensor, b: Tensor, output: GruOutput): Tensor {
  const [batch, steps] = x.shape as [number, number, number];
  const units = b.shape[0]! / 3;
  const [wRu, wC] = nat.splitSizes(w, [2 * units, units], 1) as [Tensor, Tensor];
  const [bRu, bC] = nat.splitSizes(b, [2 * units, units], 0) as [Tensor, Tensor];
  const xs = nat.unstack(x, 1);
  let h: Tensor = getTf().zeros([batch, units]);
  const hs: Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const [r, u, c, next] = nat.gruBlockCell(xs[t]!, h, wRu, wC, bRu, bC);
    nat.dispose([r, u, c, xs[t]]);
    // In 'sequence' mode every state but the zero start is part of the output.
    if (t === 0 || output === 'last') h.dispose();
    if (output === 'sequence') hs.push(next!);
    h = next!;
  }
  nat.dispose([wRu, wC, bRu, bC]);
  if (output === 'last') return h;
  const value = nat.stack(hs, 1);
  nat.dispose(hs);
  return value;
}

function gruForward(x: Tensor, wRu: Tensor, wC: Tensor, bRu: Tensor, bC: Tensor, output: GruOutput): Forward {
  const [batch, steps] = x.shape as [number, number, number];
  const units = wC.shape[1]!;
  const xs = nat.unstack(x, 1);
  let h: Tensor = getTf().zeros([batch, units]);
  const hPrev: Tensor[] = [], rs: Tensor[] = [], us: Tensor[] = [], cs: Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const [r, u, c, next] = nat.gruBlockCell(xs[t]!, h, wRu, wC, bRu, bC);
    hPrev.push(h); rs.push(r!); us.push(u!); cs.push(c!);
    h = next!;
  }
  const value = output === 'last' ? h : nat.stack([...hPrev.slice(1), h], 1);
  // Time-major [steps * batch, units] blocks: the backward pass slices them per step and feeds
  // them whole to the weight-gradient matMuls. Four saved tensors instead of 4 * steps keeps
  // the tape's per-tensor bookkeeping off the hot path.
  return { value, saved: [nat.concat(hPrev, 0), nat.concat(rs, 0), nat.concat(us, 0), nat.concat(cs, 0)] };
}

function gruBackward(dy: Tensor, saved: Tensor[], output: GruOutput): Tensor[] {
  const [x, wRu, wC, bRu, bC, hPrevAll, rAll, uAll, cAll] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const steps = x.shape[1]!;
  const xs = nat.unstack(x, 1);
  const split = (t: Tensor) => nat.split(t, steps, 0);
  const hPrev = split(hPrevAll), rs = split(rAll), us = split(uAll), cs = split(cAll);
  const dys = output === 'sequence' ? nat.unstack(dy, 1) : undefined;
  const dxs: Tensor[] = new Array<Tensor>(steps), dRu: Tensor[] = new Array<Tensor>(steps), dC: Tensor[] = new Array<Tensor>(steps);
  let dh: Tensor = dys ? dys[steps - 1]! : dy;
  for (let t = steps - 1; t >= 0; t--) {
    const [dx, dhPrev, dcBar, druBar] = nat.gruBlockCellGrad(xs[t]!, hPrev[t]!, wRu, wC, bRu, bC, rs[t]!, us[t]!, cs[t]!, dh);
    dxs[t] = dx!; dC[t] = dcBar!; dRu[t] = druBar!;
    dh = dys && t > 0 ? nat.add(dhPrev!, dys[t - 1]!) : dhPrev!;
  }
  const xTimeMajor = nat.concat(xs, 0);
  const dRuAll = nat.concat(dRu, 0), dCAll = nat.concat(dC, 0);
  const dWRu = nat.matMul(nat.concat([xTimeMajor, hPrevAll], 1), dRuAll, true);
  const dWC = nat.matMul(nat.concat([xTimeMajor, nat.mul(rAll, hPrevAll)], 1), dCAll, true);
  return [nat.stack(dxs, 1), nat.concat([dWRu, dWC], 1), nat.concat([nat.sumRows(dRuAll), nat.sumRows(dCAll)], 0)];
}
