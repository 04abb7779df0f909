// Gradient clipping by global norm, as tf.clip_by_global_norm: every gradient is scaled by
// clipNorm / max(norm, clipNorm), so the direction of the update is kept and only its length cut.
import type { Tensor } from '@tensorflow/tfjs-node';
import { getTf } from '../../util/tf';

/** The global norm sqrt(sum of squares over all gradients) before clipping, and the clipped gradients. */
export function clipByGlobalNorm(grads: readonly Tensor[], clipNorm: number): { clipped: Tensor[]; norm: number } {
  const tf = getTf();
  const norm = Math.sqrt(tf.tidy(() => tf.addN(grads.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!));
  if (!(norm > clipNorm)) return { clipped: [...grads], norm };
  const scale = clipNorm / norm;
  return { clipped: grads.map((g) => tf.mul(g, scale)), norm };
}
