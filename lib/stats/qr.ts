// Least-squares residuals through Householder QR: y - X (X^+ y) for several right-hand sides at
// once, as Johansen's auxiliary regressions need. X is rows x cols, Y is rows x m, both row-major.

/** Relative size of R's diagonal below which a regressor counts as a combination of earlier ones. */
export const DEFAULT_QR_RANK_TOLERANCE = 1e-10;

export type ResidualsResult =
  | { readonly ok: true; readonly residuals: Float64Array }
  | { readonly ok: false; readonly dependentColumn: number };

/**
 * Residuals of regressing every column of `y` on the columns of `x` (no intercept is added).
 * Returns ok: false with the offending column when `x` is numerically rank deficient.
 */
export function regressionResiduals(
  x: Float64Array, rows: number, cols: number, y: Float64Array, m: number,
  rankTolerance = DEFAULT_QR_RANK_TOLERANCE,
): ResidualsResult {
  const r = Float64Array.from(y);
  if (cols === 0) return { ok: true, residuals: r };
  // Column-major copy of X for cache-friendly Householder updates.
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[j * rows + i] = x[i * cols + j];
  const norms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[j * rows + i] * a[j * rows + i];
    norms[j] = Math.sqrt(s);
  }
  const vs: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const col = j * rows;
    let s = 0;
    for (let i = j; i < rows; i++) s += a[col + i] * a[col + i];
    const norm = Math.sqrt(s);
    if (!(norm > rankTolerance * norms[j])) return { ok: false, dependentColumn: j };
    const alpha = a[col + j] > 0 ? -norm : norm;
    const v = new Float64Array(rows - j);
    for (let i = j; i < rows; i++) v[i - j] = a[col + i];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    for (let i = 0; i < v.length; i++) v[i] /= Math.sqrt(vv);
    vs.push(v);
    for (let k = j; k < cols; k++) { // apply H = I - 2 v v^T to the remaining columns of X
      const ck = k * rows;
      let d = 0;
      for (let i = j; i < rows; i++) d += v[i - j] * a[ck + i];
      d *= 2;
      for (let i = j; i < rows; i++) a[ck + i] -= d * v[i - j];
    }
  }
  if (m === 0) return { ok: true, residuals: r };
  // Thin Q (rows x cols, row-major) = H_0 H_1 ... H_{cols-1} applied to the first cols unit vectors,
  // then residuals Y - Q (Q^T Y) in two passes over the rows.
  const q = new Float64Array(rows * cols), col = new Float64Array(rows);
  for (let c = 0; c < cols; c++) {
    col.fill(0);
    col[c] = 1;
    for (let j = cols - 1; j >= 0; j--) applyReflector(vs[j], j, col);
    for (let i = 0; i < rows; i++) q[i * cols + c] = col[i];
  }
  const g = new Float64Array(cols * m);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const qij = q[i * cols + j];
      for (let c = 0; c < m; c++) g[j * m + c] += qij * r[i * m + c];
    }
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const qij = q[i * cols + j];
      for (let c = 0; c < m; c++) r[i * m + c] -= qij * g[j * m + c];
    }
  }
  return { ok: true, residuals: r };
}

function applyReflector(v: Float64Array, offset: number, col: Float64Array): void {
  let d = 0;
  for (let i = 0; i < v.length; i++) d += v[i] * col[offset + i];
  d *= 2;
  for (let i = 0; i < v.length; i++) col[offset + i] -= d * v[i];
}
