// A whole LSTM sequence as one differentiable tfjs op: TensorFlow's BlockLSTMV2 runs every time
// step in one kernel call forward, BlockLSTMGradV2 every step backward, including the weight
// gradients. V2 keeps the Keras / tfjs-layers gate order (i, f, c, o) and adds no forget bias.
import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-node';
import { getTf } from '../../util/tf';
import * as nat from './native-ops';

/** LSTM weights as BlockLSTMV2 takes them: the tfjs-layers kernels stacked, gates i, f, c, o. */
export interface FusedLstmWeights {
  /** [features + units, 4 * units]: the layer's kernel rows, then its recurrent kernel rows. */
  readonly w: Tensor2D;
  /** [4 * units], the layer's bias as is. */
  readonly b: Tensor1D;
}

/** What fusedLstm returns: the last hidden state [batch, units], or all of them [batch, time, units]. */
export type LstmOutput = 'last' | 'sequence';

type GradFunc = (dy: Tensor, saved: Tensor[]) => Tensor[];
type Saver = (tensors: Tensor[]) => void;

/**
 * Runs an LSTM over x [batch, time, features] from zero cell and hidden states. Matches
 * tf.layers.lstm with recurrentActivation 'sigmoid', activation 'tanh' (no peepholes, no
 * clipping). Gradients flow to x, w and b. Outside a gradient tape (prediction) it runs the same
 * kernel and keeps nothing for a backward pass, so the output is the same to the bit.
 */
export function fusedLstm(x: Tensor3D, weights: FusedLstmWeights, output: LstmOutput = 'last'): Tensor {
  nat.requireNativeBackend();
  if (!nat.isRecordingGradients()) return lstmInference(x, weights.w, weights.b, output);
  const tf = getTf();
  const op = tf.customGrad(((xIn: Tensor, w: Tensor, b: Tensor, save: Saver) => {
    const [batch, steps] = xIn.shape as [number, number, number];
    const units = b.shape[0]! / 4;
    const xTimeMajor = nat.swapLeadingAxes(xIn);
    const state = tf.zeros([batch, units]), peephole = tf.zeros([units]);
    const forward = nat.blockLstm(xTimeMajor, state, state, w, b, peephole);
    const h = forward[6]!;
    const value = output === 'last' ? nat.unstack(h, 0)[steps - 1]! : nat.swapLeadingAxes(h);
    save([xTimeMajor, w, b, ...forward]);
    return { value, gradFunc: ((dy, saved) => lstmBackward(dy, saved, output)) as GradFunc };
  }) as never) as unknown as (...inputs: Tensor[]) => Tensor;
  return op(x, weights.w, weights.b);
}

// Prediction: BlockLSTMV2 as in training; its six gate outputs are freed at once and the last
// state is sliced out rather than unstacking all of them.
function lstmInference(x: Tensor, w: Tensor, b: Tensor, output: LstmOutput): Tensor {
  const tf = getTf();
  const batch = x.shape[0]!, units = b.shape[0]! / 4;
  const xTimeMajor = nat.swapLeadingAxes(x);
  const state = tf.zeros([batch, units]), peephole = tf.zeros([units]);
  const forward = nat.blockLstm(xTimeMajor, state, state, w, b, peephole);
  const h = forward[6]!;
  nat.dispose([xTimeMajor, state, peephole, ...forward.slice(0, 6)]);
  const value = output === 'last' ? nat.lastOfLeadingAxis(h) : nat.swapLeadingAxes(h);
  h.dispose();
  return value;
}

function lstmBackward(dy: Tensor, saved: Tensor[], output: LstmOutput): Tensor[] {
  const tf = getTf();
  const [xTimeMajor, w, b, ...forward] = saved as [Tensor, Tensor, Tensor, ...Tensor[]];
  const [steps, batch] = xTimeMajor.shape as [number, number, number];
  const units = b.shape[0]! / 4;
  const state = tf.zeros([batch, units]), peephole = tf.zeros([units]);
  const dCs = tf.zeros([steps, batch, units]);
  // Only the last step's output reaches the loss in 'last' mode: the others get zero gradient.
  const dH = output === 'sequence'
    ? nat.swapLeadingAxes(dy)
    : steps === 1 ? dy.reshape([1, batch, units]) : nat.concat([tf.zeros([steps - 1, batch, units]), dy.reshape([1, batch, units])], 0);
  const [dX, , , dW, , , , dB] = nat.blockLstmGrad(xTimeMajor, state, state, w, b, peephole, forward, dCs, dH);
  return [nat.swapLeadingAxes(dX!), dW!, dB!];
}
