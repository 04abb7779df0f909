// Recurrent dropout the Keras 3 way: with recurrent_dropout > 0 a GRU/LSTM cell switches to its
// per-gate implementation (implementation=1) and multiplies h(t-1) by one inverted-dropout mask
// per gate before that gate's recurrent matMul, the masks drawn once per batch and reused at
// every step. The fused cells take one h(t-1) for all gates, so training with recurrent dropout
// runs the per-step maskedRnn instead; prediction never comes here.
import type { Tensor3D } from '@tensorflow/tfjs-node';
import type { Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import type { RecurrentCell } from './options';

/** Gates per cell, in the fused weights' column order: GRU r, u (Keras z), c; LSTM i, f, c, o. */
export const RECURRENT_GATES: Readonly<Record<RecurrentCell, number>> = { gru: 3, lstm: 4 };

/**
 * One batch's recurrent masks [gates, batch, units], gate blocks in the fused column order, each
 * entry 0 or 1 / (1 - rate), drawn gate by gate, row by row. Drawn in JS so a seed reproduces
 * them on any platform.
 */
export function recurrentMasks(cell: RecurrentCell, batch: number, units: number, rate: number, rng: Rng): Tensor3D {
  const gates = RECURRENT_GATES[cell];
  const keep = 1 - rate, scale = 1 / keep;
  const values = new Float32Array(gates * batch * units);
  // A plain loop: Float32Array.from with a map function costs as much as a few GRU steps here.
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform() < keep ? scale : 0;
  return getTf().tensor3d(values, [gates, batch, units]);
}

