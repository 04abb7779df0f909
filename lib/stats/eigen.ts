// Dense symmetric eigenproblems for small matrices (Johansen's at most a dozen series): Cholesky
// factorisation, cyclic Jacobi eigen-decomposition (high relative accuracy for small eigenvalues)
// and the generalised problem A v = lambda B v with B symmetric positive definite. Matrices are
// row-major Float64Arrays of n*n; inputs are never mutated.
import { choleskyFailedColumn } from './linalg';

/** Relative pivot below which a matrix is treated as singular in `cholesky` (pivot^2 / diagonal). */
export const DEFAULT_CHOLESKY_RELATIVE_PIVOT = 1e-11;

export type CholeskyResult =
  | { readonly ok: true; readonly lower: Float64Array }
  | { readonly ok: false; readonly failedAt: number };

/**
 * Lower-triangular L with A = L L^T. Fails (ok: false, failedAt = column) when a pivot is not
 * positive or, relative to that column's diagonal, smaller than `relativePivot`: column `failedAt`
 * is then (numerically) a linear combination of the earlier ones.
 */
export function cholesky(a: Float64Array, n: number, relativePivot = DEFAULT_CHOLESKY_RELATIVE_PIVOT): CholeskyResult {
  const l = a.slice(0, n * n);
  const failedAt = choleskyFailedColumn(l, n, relativePivot);
  if (failedAt >= 0) return { ok: false, failedAt };
  for (let i = 0; i < n; i++) l.fill(0, i * n + i + 1, (i + 1) * n);
  return { ok: true, lower: l };
}

/** Solves L X = B in place for lower-triangular L (n x n) and B (n x m, row-major). */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array, m: number): void {
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let s = b[i * m + c];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k * m + c];
      b[i * m + c] = s / l[i * n + i];
    }
  }
}

/** Solves L^T X = B in place for lower-triangular L (n x n) and B (n x m, row-major). */
export function solveUpperTransposedInPlace(l: Float64Array, n: number, b: Float64Array, m: number): void {
  for (let i = n - 1; i >= 0; i--) {
    for (let c = 0; c < m; c++) {
      let s = b[i * m + c];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k * m + c];
      b[i * m + c] = s / l[i * n + i];
    }
  }
}

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** n x n row-major; column j is the unit eigenvector of values[j]. */
  readonly vectors: Float64Array;
}

/** Cyclic Jacobi eigen-decomposition of a symmetric matrix (only its symmetric part is used). */
export function symmetricEigen(a: Float64Array, n: number, maxSweeps = 100): SymmetricEigen {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i] * m[i * n + i];
      for (let j = i + 1; j < n; j++) off += m[i * n + j] * m[i * n + j];
    }
    if (off === 0 || off <= 1e-32 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) { // columns p, q
          const mkp = m[k * n + p], mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) { // rows p, q
          const mpk = m[p * n + k], mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        m[p * n + q] = 0; m[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}

/**
 * Generalised symmetric-definite problem A v = lambda B v through B = L L^T and the symmetric
 * C = L^-1 A L^-T. Eigenvalues largest first; eigenvectors (columns) normalised to v^T B v = 1.
 * `bLower` is the Cholesky factor of B (from `cholesky`).
 */
export function generalizedSymmetricEigen(a: Float64Array, bLower: Float64Array, n: number): SymmetricEigen {
  const c = Float64Array.from(a);
  solveLowerInPlace(bLower, n, c, n); // L^-1 A
  const ct = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ct[i * n + j] = c[j * n + i];
  solveLowerInPlace(bLower, n, ct, n); // L^-1 (L^-1 A)^T = L^-1 A L^-T (A symmetric)
  const eig = symmetricEigen(ct, n);
  const vectors = Float64Array.from(eig.vectors);
  solveUpperTransposedInPlace(bLower, n, vectors, n);
  return { values: eig.values, vectors };
}
