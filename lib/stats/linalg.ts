// Small dense linear algebra for least squares: Householder QR (the accurate path, used by `ols`)
// and Cholesky on a Gram matrix (the fast path, used by the ADF lag-search kernel, where all nested
// regressions share one factorisation). Matrices are row-major Float64Array unless stated.

/**
 * In-place Cholesky G = L L' of a p x p symmetric positive-definite row-major matrix; the lower
 * triangle of `G` is overwritten by L (the upper triangle is left as is). Returns false when a
 * pivot is not positive (G singular or not positive definite to working precision).
 */
export function choleskyInPlace(G: Float64Array, p: number): boolean {
  return choleskyFailedColumn(G, p, 0) < 0;
}

/**
 * choleskyInPlace that also fails where a pivot, relative to its column's diagonal, is at most
 * `relativePivot` (0: only non-positive pivots fail). Returns -1 on success, else the failing
 * column, which is then (numerically) a linear combination of the earlier ones.
 */
export function choleskyFailedColumn(G: Float64Array, p: number, relativePivot: number): number {
  for (let j = 0; j < p; j++) {
    let s = G[j * p + j];
    for (let k = 0; k < j; k++) s -= G[j * p + k] * G[j * p + k];
    // G[j][j] still holds the input diagonal here: only columns < j have been overwritten.
    if (!(s > 0) || s <= relativePivot * Math.abs(G[j * p + j])) return j;
    const ljj = Math.sqrt(s);
    G[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let v = G[i * p + j];
      for (let k = 0; k < j; k++) v -= G[i * p + k] * G[j * p + k];
      G[i * p + j] = v / ljj;
    }
  }
  return -1;
}

/** Solves L z = b in place (L lower triangle of a p x p row-major matrix). */
export function forwardSubstitute(L: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= L[i * p + k] * b[k];
    b[i] = v / L[i * p + i];
  }
}

/** Solves L' x = z in place (L lower triangle of a p x p row-major matrix). */
export function backSubstituteTransposed(L: Float64Array, p: number, z: Float64Array): void {
  for (let i = p - 1; i >= 0; i--) {
    let v = z[i];
    for (let k = i + 1; k < p; k++) v -= L[k * p + i] * z[k];
    z[i] = v / L[i * p + i];
  }
}

export interface QrLeastSquares {
  /** Coefficients minimising ||y - X b||. */
  readonly coefficients: Float64Array;
  /** Diagonal of (X'X)^{-1}, for standard errors. */
  readonly inverseGramDiagonal: Float64Array;
}

/**
 * Least squares by Householder QR of X (n x p, given as p columns of length n). Returns null when
 * X is rank deficient to working precision (a diagonal of R below 1e-12 times the largest).
 * The inputs are not modified.
 */
export function qrLeastSquares(columns: readonly Float64Array[], y: Float64Array): QrLeastSquares | null {
  const p = columns.length, n = y.length;
  const A = columns.map((c) => Float64Array.from(c)); // column-major working copy
  const qty = Float64Array.from(y);
  const diagR = new Float64Array(p);
  let maxDiag = 0;
  for (let j = 0; j < p; j++) {
    const a = A[j];
    let norm = 0;
    for (let i = j; i < n; i++) norm += a[i] * a[i];
    norm = Math.sqrt(norm);
    if (norm === 0) return null;
    const alpha = a[j] > 0 ? -norm : norm;
    // v = a[j:] - alpha e1, stored in a[j:]; H = I - 2 v v' / (v'v)
    a[j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += a[i] * a[i];
    for (let k = j + 1; k < p; k++) {
      const b = A[k];
      let dot = 0;
      for (let i = j; i < n; i++) dot += a[i] * b[i];
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) b[i] -= f * a[i];
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += a[i] * qty[i];
    const f = (2 * dot) / vv;
    for (let i = j; i < n; i++) qty[i] -= f * a[i];
    diagR[j] = alpha;
    maxDiag = Math.max(maxDiag, Math.abs(alpha));
  }
  for (let j = 0; j < p; j++) if (Math.abs(diagR[j]) <= 1e-12 * maxDiag) return null;
  // R: diagonal in diagR, strictly upper part R[j][k] = A[k][j] for k > j.
  const r = (j: number, k: number) => (j === k ? diagR[j] : A[k][j]);
  const coefficients = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let v = qty[j];
    for (let k = j + 1; k < p; k++) v -= r(j, k) * coefficients[k];
    coefficients[j] = v / diagR[j];
  }
  // (X'X)^{-1} = R^{-1} R^{-T}: the diagonal is the row sums of squares of R^{-1}.
  const inverseGramDiagonal = new Float64Array(p);
  const col = new Float64Array(p);
  for (let c = p - 1; c >= 0; c--) {
    // column c of R^{-1}: solve R u = e_c (u[k] = 0 for k > c)
    col.fill(0);
    col[c] = 1 / diagR[c];
    for (let j = c - 1; j >= 0; j--) {
      let v = 0;
      for (let k = j + 1; k <= c; k++) v -= r(j, k) * col[k];
      col[j] = v / diagR[j];
    }
    for (let j = 0; j <= c; j++) inverseGramDiagonal[j] += col[j] * col[j];
  }
  return { coefficients, inverseGramDiagonal };
}
