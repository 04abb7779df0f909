// Unconstrained reparameterisations. BFGS works on u in R^k; each block maps u onto its feasible
// set: a box (lo, hi) through a scaled logistic, or "non-negative weights with sum c.x < 1"
// through a softmax with one slack category, which is how the stationarity constraints of
// GARCH (alpha + gamma/2 + beta < 1) and EGARCH (sum beta < 1) are honoured exactly.
import type { ParamTransform } from './types';

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
/** Keeps feasible starting values strictly inside, where the free coordinate is finite. */
const INSIDE = 1e-8;

export function boxToFree(x: number, lo: number, hi: number): number {
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return x;
  let p = (x - lo) / (hi - lo);
  p = Math.min(Math.max(p, INSIDE), 1 - INSIDE);
  return Math.log(p / (1 - p));
}

/** Returns [value, d value / d u]. */
export function boxFromFree(u: number, lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return [u, 1];
  const s = logistic(u);
  return [lo + (hi - lo) * s, (hi - lo) * s * (1 - s)];
}

/**
 * Weights x_k >= 0 with sum_k c_k x_k < 1: c_k x_k = exp(u_k) / (1 + sum_j exp(u_j)).
 * toFree/fromFree on the sub-vectors; dx (m x m row-major) receives d x_k / d u_j.
 */
export function simplexToFree(x: Float64Array, c: Float64Array, u: Float64Array): void {
  const m = x.length;
  let slack = 1;
  const y = new Float64Array(m);
  for (let k = 0; k < m; k++) { y[k] = Math.max(c[k] * x[k], INSIDE); slack -= y[k]; }
  slack = Math.max(slack, INSIDE);
  for (let k = 0; k < m; k++) u[k] = Math.log(y[k] / slack);
}

export function simplexFromFree(u: Float64Array, c: Float64Array, x: Float64Array, dx: Float64Array): void {
  const m = u.length;
  let umax = 0;
  for (let k = 0; k < m; k++) umax = Math.max(umax, u[k]);
  let denom = Math.exp(-umax);
  for (let k = 0; k < m; k++) denom += Math.exp(u[k] - umax);
  for (let k = 0; k < m; k++) x[k] = Math.exp(u[k] - umax) / denom; // y_k for now
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < m; j++) dx[k * m + j] = (x[k] * ((k === j ? 1 : 0) - x[j])) / c[k];
  }
  for (let k = 0; k < m; k++) x[k] /= c[k];
}

/** Independent boxes, one per parameter (infinite bounds mean a free parameter). */
export function boxTransform(bounds: ReadonlyArray<readonly [number, number]>): ParamTransform {
  const k = bounds.length;
  return {
    toFree(theta, u) { for (let i = 0; i < k; i++) u[i] = boxToFree(theta[i], bounds[i][0], bounds[i][1]); },
    fromFree(u, theta, jac) {
      jac.fill(0);
      for (let i = 0; i < k; i++) {
        const [v, d] = boxFromFree(u[i], bounds[i][0], bounds[i][1]);
        theta[i] = v; jac[i * k + i] = d;
      }
    },
  };
}

/** Block-diagonal composition of the mean, volatility and distribution transforms. */
export function composeTransforms(blocks: ReadonlyArray<{ transform: ParamTransform; size: number }>): ParamTransform {
  const total = blocks.reduce((s, b) => s + b.size, 0);
  const scratch = blocks.map((b) => ({ u: new Float64Array(b.size), t: new Float64Array(b.size), j: new Float64Array(b.size * b.size) }));
  return {
    toFree(theta, u) {
      let off = 0;
      blocks.forEach((b, i) => {
        b.transform.toFree(theta.subarray(off, off + b.size), scratch[i].u);
        u.set(scratch[i].u, off);
        off += b.size;
      });
    },
    fromFree(u, theta, jac) {
      jac.fill(0);
      let off = 0;
      blocks.forEach((b, i) => {
        const s = scratch[i];
        b.transform.fromFree(u.subarray(off, off + b.size), s.t, s.j);
        theta.set(s.t, off);
        for (let r = 0; r < b.size; r++) for (let c = 0; c < b.size; c++) jac[(off + r) * total + off + c] = s.j[r * b.size + c];
        off += b.size;
      });
    },
  };
}
