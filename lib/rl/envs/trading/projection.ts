// Euclidean projections that turn an agent's raw action into feasible portfolio weights
// (Duchi, Shalev-Shwartz, Singer & Chandra 2008, "Efficient projections onto the l1-ball"):
// the closest point of the simplex {w >= 0, Σw = 1} (fully invested, long only), or of the ball
// {Σ|w| <= L} (long/short with gross leverage at most L). Both are O(n log n) by sorting.
import { InvalidArgumentError } from '../../../util/errors';

/** Closest point to `x` with w >= 0 and Σw = radius (radius > 0). */
export function projectOntoSimplex(x: ArrayLike<number>, radius = 1): Float64Array {
  checkVector(x);
  if (!(radius > 0 && radius < Infinity)) throw new InvalidArgumentError('radius', radius, 'must be a finite number > 0', 'pass the sum the weights must reach, e.g. 1');
  const n = x.length;
  const u = Float64Array.from(x).sort().reverse();
  let cumulative = 0, theta = 0;
  for (let j = 0; j < n; j++) {
    cumulative += u[j]!;
    const candidate = (cumulative - radius) / (j + 1);
    // The last j with u_j > θ_j fixes the threshold (u sorted descending).
    if (u[j]! - candidate > 0) theta = candidate;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(x[i]! - theta, 0);
  return out;
}

/** Closest point to `x` with Σ|w| <= radius: x itself when it is inside. */
export function projectOntoL1Ball(x: ArrayLike<number>, radius: number): Float64Array {
  checkVector(x);
  if (!(radius > 0 && radius < Infinity)) throw new InvalidArgumentError('radius', radius, 'must be a finite number > 0', 'pass the gross leverage limit, e.g. 1');
  let gross = 0;
  for (let i = 0; i < x.length; i++) gross += Math.abs(x[i]!);
  if (gross <= radius) return Float64Array.from(x);
  const magnitude = projectOntoSimplex(Float64Array.from(x, Math.abs), radius);
  for (let i = 0; i < x.length; i++) magnitude[i] = x[i]! < 0 ? -magnitude[i]! : magnitude[i]!;
  return magnitude;
}

function checkVector(x: ArrayLike<number>): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number' || x.length === 0) throw new InvalidArgumentError('x', x, 'must be a non-empty array of numbers', 'pass the raw weights');
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) throw new InvalidArgumentError(`x[${i}]`, x[i], 'must be a finite number', 'clip the action to the action space first');
}
